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
    /// <param name="prompts">Token ids of each prompt (with BOS).</param>
    /// <param name="options">How to continue them; <see cref="GenerationOptions.Seed"/> seeds the one sampler of the batch.</param>
    /// <param name="seeds">
    /// One seed per prompt, or null. With seeds each prompt samples from its own torch generator, drawing for its rows
    /// exactly as it would alone, so a prompt batched with others gets the text it gets alone whenever its logits are
    /// the same in the batch (the batch shares shapes, so the floating-point sums may differ in the last bit, and a
    /// draw that falls on that boundary can change). Batch only prompts that fit the context with
    /// <see cref="GenerationOptions.MaxNewTokens"/> to spare: the batch stops at the context of its longest prompt.
    /// </param>
    /// <returns>NumReturnSequences results per prompt, ordered by prompt then sample.</returns>
    public IReadOnlyList<GeneratedSequence> GenerateIds(IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options,
        IReadOnlyList<long>? seeds = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (seeds is not null && seeds.Count != prompts.Count)
            throw new ArgumentException($"{seeds.Count} seeds for {prompts.Count} prompts; give one per prompt.", nameof(seeds));
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
        using var generator = seeds is null ? new Generator((ulong)options.Seed, device) : null;
        var generators = seeds?.Select(s => new Generator((ulong)s, device)).ToArray();
        using var disposeGenerators = new GeneratorsDisposer(generators);
        var (ids, mask) = LeftPad(rows, longest, device);                             // (B, L)
        var positions = (mask.to(ScalarType.Int64).cumsum(1) - 1).clamp_min(0);       // (B, L)
        var (stepIds, stepPositions) = (ids, positions);
        for (var step = 0; step < steps && rows.Any(r => r.Finished is null); step++)
        {
            using var scope = NewDisposeScope();
            var logits = model.Forward(stepIds, stepPositions, mask, cache)[.., ^1];      // (B, V)
            var next = generators is null
                ? Sampler.Next(logits, options, generator!)                              // (B)
                : SamplePerPrompt(logits, options, generators);
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

    // Rows are ordered by prompt then sample, so prompt i owns rows [i n, (i + 1) n): each block draws from its own
    // generator, as the prompt's own batch of n rows would alone.
    static Tensor SamplePerPrompt(Tensor logits, GenerationOptions options, Generator[] generators)
    {
        if (options.Temperature == 0)
            return Sampler.Next(logits, options, generators[0]);
        var n = options.NumReturnSequences;
        return cat(generators.Select((g, i) => Sampler.Next(logits[(i * n)..((i + 1) * n)], options, g)).ToArray(), 0);
    }

    sealed class GeneratorsDisposer(Generator[]? generators) : IDisposable
    {
        public void Dispose()
        {
            foreach (var g in generators ?? [])
                g.Dispose();
        }
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
