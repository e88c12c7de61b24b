using Cai.Models.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>A request's rows in a <see cref="DecodeBatch"/> (contiguous, in order), its generator and, until its first
/// step, the logits of its prefill.</summary>
internal sealed class DecodeGroup(GenerationRequest request, List<GenerationRow> rows, Generator generator, Tensor prefilled) : IDisposable
{
    readonly List<GenerationRow> all = [.. rows];

    public GenerationRequest Request => request;
    public List<GenerationRow> Rows => rows;
    public Generator Generator => generator;

    /// <summary>(R, V) logits of the prompts' last positions, one row per sample; null after the first step.</summary>
    public Tensor? Prefilled { get; private set; } = prefilled;

    public void ClearPrefilled()
    {
        Prefilled?.Dispose();
        Prefilled = null;
    }

    /// <summary>This step's coins for the group's rows, (R, 1) (see <see cref="Sampler.Coins"/>), drawn from its own generator.</summary>
    public Tensor Coins(long count, Device device) => Sampler.Coins(count, generator, device);

    /// <summary>Takes this group's sampled tokens (its rows start at <paramref name="offset"/> of the batch).</summary>
    public void Accept(long[] chosen, IReadOnlyDictionary<GenerationRequest, (float[] Chosen, (long[] Ids, float[] Values, int K)? Top)> logProbs,
        int offset, ITextTokenizer tokenizer, TokenText pieces, IReadOnlySet<int> stopIds)
    {
        var options = request.Options;
        var (chosenLogProbs, top) = logProbs.TryGetValue(request, out var own) ? own : (null, null);
        for (var r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<TokenLogProb>? alternatives = null;
            if (top is var (ids, values, k))
                alternatives = Enumerable.Range(r * k, k)
                    .Select(j => new TokenLogProb((int)ids[j], pieces.Of((int)ids[j]), values[j])).ToArray();
            rows[r].Accept((int)chosen[offset + r], chosenLogProbs?[r] ?? 0f, alternatives, tokenizer, options, stopIds);
            if (request.TextGenerated is { } report && rows[r].TakeDelta(all.IndexOf(rows[r]), tokenizer, options) is { } delta)
                report(delta);
        }
    }

    public void Finish(ITextTokenizer tokenizer)
    {
        if (!request.Cancelled)
            request.Results = all.Select(r => r.ToResult(tokenizer, request.Options)).ToArray();
        Dispose();
    }

    public void Dispose()
    {
        ClearPrefilled();
        generator.Dispose();
    }
}
