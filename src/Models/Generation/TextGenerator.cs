using Cai.Models.Llama2c;
using Cai.Models.Tokenizers;

namespace Cai.Models.Generation;

/// <summary>
/// Continues several prompts at once on a <see cref="DecodeBatch"/>: each prompt is prefilled once (alone, so its
/// numbers do not depend on its batch-mates), its NumReturnSequences rows decode together with a static KV cache, and
/// each row stops on its own (the model's stop tokens, stop tokens and strings of the options, its length) and leaves
/// the batch. Sampling draws from a torch generator seeded with <see cref="GenerationOptions.Seed"/>, so runs are
/// reproducible.
/// </summary>
/// <param name="model">The model.</param>
/// <param name="tokenizer">Its tokenizer.</param>
/// <param name="stopTokenIds">Tokens that end a sequence; null uses <see cref="DefaultStopTokenIds"/>.</param>
public sealed class TextGenerator(CausalLanguageModel model, ITextTokenizer tokenizer, IReadOnlyCollection<int>? stopTokenIds = null)
{
    /// <summary>Tokens that end every sequence (besides <see cref="GenerationOptions.StopTokenIds"/>).</summary>
    public IReadOnlyCollection<int> StopTokenIds { get; } = stopTokenIds ?? DefaultStopTokenIds(tokenizer);

    /// <summary>
    /// The tokenizer's EOS, and for llama2.c tokenizers BOS as well: TinyStories models end a story by starting the
    /// next one with BOS, and llama2.c's run.c stops there.
    /// </summary>
    public static IReadOnlyCollection<int> DefaultStopTokenIds(ITextTokenizer tokenizer) =>
        tokenizer is Llama2cTokenizer && tokenizer.BosId is int bos ? [tokenizer.EosId, bos] : [tokenizer.EosId];

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
    /// draw that falls on that boundary can change).
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
        var longest = prompts.Max(p => p.Count);
        if (longest >= model.MaxLength)
            throw new ArgumentException(
                $"A prompt of {longest} tokens leaves no room in the model's {model.MaxLength}-token context.", nameof(prompts));
        var requests = seeds is null
            ? [new GenerationRequest(prompts, options)]
            : prompts.Select((p, i) => new GenerationRequest([p], options, seeds[i])).ToArray();
        var capacity = (int)Math.Min(model.MaxLength, (long)longest + options.MaxNewTokens);
        using var batch = new DecodeBatch(model, tokenizer, capacity, StopTokenIds, options.UseCache);
        foreach (var request in requests)
            batch.Add(request);
        while (batch.Requests > 0)
            batch.Step();
        return requests.SelectMany((r, i) => seeds is null ? r.Results! : r.Results!.Select(s => s with { PromptIndex = i }))
            .ToArray();
    }
}
