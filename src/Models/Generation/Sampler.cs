using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>Picks the next token from last-position logits: greedy, or temperature / top-k / top-p sampling.</summary>
internal static class Sampler
{
    /// <summary>Next ids (B) int64 from logits (B, V).</summary>
    public static Tensor Next(Tensor logits, GenerationOptions options, Generator generator)
    {
        if (options.Temperature == 0)
            return logits.argmax(-1);                                             // (B)
        var x = logits / options.Temperature;                                     // (B, V)
        if (options.TopK > 0 && options.TopK < x.shape[^1])
        {
            var kth = x.topk(options.TopK).values[.., ^1..];                      // (B, 1)
            x = x.masked_fill(x.lt(kth), float.NegativeInfinity);
        }
        if (options.TopP < 1.0)
        {
            var (sorted, order) = x.sort(-1, descending: true);                   // (B, V)
            var probs = sorted.softmax(-1);
            var massBefore = probs.cumsum(-1) - probs;                            // (B, V), 0 for the top token
            sorted = sorted.masked_fill(massBefore.ge(options.TopP), float.NegativeInfinity);
            x = full_like(x, float.NegativeInfinity).scatter(-1, order, sorted);  // (B, V)
        }
        return multinomial(x.softmax(-1), 1, generator: generator).squeeze(-1); // (B)
    }
}
