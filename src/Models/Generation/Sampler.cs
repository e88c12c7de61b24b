using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>Picks the next token from last-position logits: greedy, or temperature / top-k / top-p sampling.</summary>
internal static class Sampler
{
    /// <summary>
    /// Next ids (B) int64 from logits (B, V). Only top-p sorts (and then only the top-k candidates when top-k is set);
    /// temperature and top-k work on the logits as they are. Scalars live in <c>using</c> variables for the call, never
    /// as implicit temporaries (see <see cref="KeptScalars"/>).
    /// </summary>
    public static Tensor Next(Tensor logits, GenerationOptions options, Generator generator)
    {
        if (options.Temperature == 0)
            return logits.argmax(-1);                                              // (B)
        using var scope = NewDisposeScope();
        return Draw(Probabilities(logits, options), generator).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The distribution sampled options draw from, (B, V), row by row: a batch's rows can share this call and still
    /// draw, each request from its own generator, exactly what <see cref="Next"/> draws for them alone. Not for
    /// greedy options (temperature 0).
    /// </summary>
    public static Tensor Probabilities(Tensor logits, GenerationOptions options)
    {
        using var scope = NewDisposeScope();
        using var temperature = options.Temperature.ToScalar();
        var x = options.Temperature == 1 ? logits : logits.div(temperature);      // (B, V)
        var vocab = x.shape[^1];
        if (options.TopP < 1.0)
        {
            var k = options.TopK > 0 && options.TopK < vocab ? options.TopK : vocab;
            var (sorted, order) = k < vocab ? x.topk((int)k) : x.sort(-1, descending: true); // (B, K) most likely first
            var probs = sorted.softmax(-1);
            var massBefore = probs.cumsum(-1).sub(probs);                          // (B, K), 0 for the top token
            using var topP = options.TopP.ToScalar();
            sorted = sorted.masked_fill(massBefore.ge(topP), KeptScalars.NegativeInfinity);
            x = full_like(x, KeptScalars.NegativeInfinity).scatter(-1, order, sorted); // (B, V)
        }
        else if (options.TopK > 0 && options.TopK < vocab)
        {
            var kth = x.topk(options.TopK).values[.., ^1..];                      // (B, 1)
            x = x.masked_fill(x.lt(kth), KeptScalars.NegativeInfinity);
        }
        return x.softmax(-1).MoveToOuterDisposeScope();                           // (B, V)
    }

    /// <summary>One id per row (B) drawn from <paramref name="probabilities"/> (B, V) with <paramref name="generator"/>.</summary>
    public static Tensor Draw(Tensor probabilities, Generator generator) =>
        DrawWith(probabilities, Coins(probabilities.shape[0], generator, probabilities.device));      // (B)

    /// <summary>
    /// The random part of <see cref="Draw"/> alone: one uniform number in [0, 1) per row, (B, 1), from
    /// <paramref name="generator"/>. <see cref="DrawWith"/> finishes it, so a batch's requests each draw their coins from
    /// their own generator and share one cumulative sum and one search; the ids are those <see cref="Draw"/> gives
    /// for the request alone.
    /// </summary>
    public static Tensor Coins(long rows, Generator generator, Device device) =>
        rand(rows, 1, generator: generator, device: device);                                      // (B, 1)

    /// <summary>
    /// The ids (B) that <paramref name="coins"/> from <see cref="Coins"/> pick from <paramref name="probabilities"/>:
    /// inverse-CDF sampling, as llama2.c's run.c samples (one coin per token instead of a random number per
    /// vocabulary entry, which libtorch's multinomial draws and which cost most of a decoding step with a 32,000-token
    /// vocabulary). Row b takes the first id whose cumulative probability reaches (1 - coin) times the row's total, a
    /// point in (0, total]: a token of probability 0 (cut by top-k or top-p) is never drawn, because the cumulative sum
    /// of non-negative numbers never decreases and the one before it already reaches any point it would.
    /// </summary>
    public static Tensor DrawWith(Tensor probabilities, Tensor coins)
    {
        using var scope = NewDisposeScope();
        var cdf = probabilities.cumsum(-1);                                                       // (B, V)
        // add_ with an explicit alpha: the one-argument overload makes its alpha a temporary Scalar that a
        // collection can finalize while libtorch reads it (KeptScalars).
        var point = coins.neg().add_(KeptScalars.One, KeptScalars.One).mul_(cdf.narrow(-1, cdf.shape[^1] - 1, 1)); // (B, 1) in (0, total]
        return searchsorted(cdf, point).squeeze(-1).MoveToOuterDisposeScope();                    // (B)
    }

    /// <summary>Whether two requests' logits become the same distribution (<see cref="Probabilities"/> can serve both).</summary>
    public static bool SameDistribution(GenerationOptions a, GenerationOptions b) =>
        a.Temperature == b.Temperature && a.TopK == b.TopK && a.TopP == b.TopP;
}
