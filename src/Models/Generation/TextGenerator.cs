using Cai.Models.Tokenizers;
using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>
/// Continues several prompts at once: prompts are left-padded into one batch (key padding mask, per-row positions),
/// decoded step by step with a KV cache, and each row stops on its own (EOS, stop token, stop string, length).
/// Sampling draws from a torch generator seeded with <see cref="GenerationOptions.Seed"/>, so runs are reproducible.
/// </summary>
public sealed class TextGenerator(CausalLanguageModel model, ITextTokenizer tokenizer)
{
    readonly TokenText tokenText = new(tokenizer);

    /// <summary>Encodes each prompt (with BOS) and continues it.</summary>
    /// <returns>NumReturnSequences results per prompt, ordered by prompt then sample.</returns>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<string> prompts, GenerationOptions options) =>
        GenerateIds(prompts.Select(p => tokenizer.Encode(p, addBos: true)).ToArray(), options);

    /// <summary>Continues already tokenized prompts.</summary>
    /// <returns>NumReturnSequences results per prompt, ordered by prompt then sample.</returns>
    public IReadOnlyList<GeneratedSequence> GenerateIds(IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (prompts.Count == 0)
            return [];
        if (prompts.Any(p => p.Count == 0))
            throw new ArgumentException("Every prompt needs at least one token (encode with BOS).", nameof(prompts));
        var rows = prompts.SelectMany((p, i) => Enumerable.Range(0, options.NumReturnSequences)
            .Select(s => new GenerationRow(i, s, p))).ToArray();
        var longest = rows.Max(r => r.Prompt.Count);
        if (longest >= model.MaxLength)
            throw new ArgumentException(
                $"A prompt of {longest} tokens leaves no room in the model's {model.MaxLength}-token context.", nameof(prompts));
        var steps = Math.Min(options.MaxNewTokens, model.MaxLength - longest);

        using var _ = no_grad();
        using var outer = NewDisposeScope();
        using var cache = options.UseCache ? model.CreateCache() : null;
        var device = model.Device;
        using var generator = new Generator((ulong)options.Seed, device);
        var (ids, mask) = LeftPad(rows, longest, device);                             // (B, L)
        var positions = (mask.to(ScalarType.Int64).cumsum(1) - 1).clamp_min(0);       // (B, L)
        var (stepIds, stepPositions) = (ids, positions);
        for (var step = 0; step < steps && rows.Any(r => r.Finished is null); step++)
        {
            using var scope = NewDisposeScope();
            var logits = model.Forward(stepIds, stepPositions, mask, cache)[.., ^1];      // (B, V)
            var next = Sampler.Next(logits, options, generator);                          // (B)
            Record(rows, next, logits.log_softmax(-1), options);
            var nextIds = next.unsqueeze(1);                                              // (B, 1)
            var nextPositions = stepPositions[.., ^1..] + 1;                              // (B, 1)
            mask = cat([mask, ones_like(nextIds, ScalarType.Bool)], 1).MoveToOuterDisposeScope(); // (B, S + 1)
            ids = cat([ids, nextIds], 1).MoveToOuterDisposeScope();                         // (B, S + 1)
            positions = cat([positions, nextPositions], 1).MoveToOuterDisposeScope();
            (stepIds, stepPositions) = cache is null
                ? (ids, positions)
                : (nextIds.MoveToOuterDisposeScope(), nextPositions.MoveToOuterDisposeScope());
        }
        foreach (var row in rows)
            row.Truncate();
        return rows.Select(r => r.ToResult(tokenizer, options)).ToArray();
    }

    void Record(GenerationRow[] rows, Tensor next, Tensor logProbs, GenerationOptions options)
    {
        var chosen = next.cpu().data<long>().ToArray();
        var chosenLogProbs = logProbs.gather(-1, next.unsqueeze(-1)).squeeze(-1).cpu().data<float>().ToArray();
        (long[] Ids, float[] Values)? top = null;
        if (options.TopLogProbs > 0)
        {
            var (values, indices) = logProbs.topk(Math.Min(options.TopLogProbs, (int)logProbs.shape[^1]));
            top = (indices.cpu().data<long>().ToArray(), values.cpu().data<float>().ToArray());
        }
        for (var b = 0; b < rows.Length; b++)
        {
            if (rows[b].Finished is not null)
                continue;
            IReadOnlyList<TokenLogProb>? alternatives = null;
            if (top is var (topIds, topValues))
            {
                var k = topIds.Length / rows.Length;
                alternatives = Enumerable.Range(b * k, k)
                    .Select(j => new TokenLogProb((int)topIds[j], tokenText.Of((int)topIds[j]), topValues[j])).ToArray();
            }
            rows[b].Accept((int)chosen[b], chosenLogProbs[b], alternatives, tokenizer, options);
        }
    }

    static (Tensor Ids, Tensor Mask) LeftPad(GenerationRow[] rows, int length, Device device)
    {
        var ids = new long[rows.Length * length];
        var mask = new bool[rows.Length * length];
        for (var b = 0; b < rows.Length; b++)
        {
            var offset = b * length + length - rows[b].Prompt.Count;
            for (var i = 0; i < rows[b].Prompt.Count; i++)
                (ids[offset + i], mask[offset + i]) = (rows[b].Prompt[i], true);
        }
        return (tensor(ids, [rows.Length, length], device: device), tensor(mask, [rows.Length, length], device: device));
    }
}
