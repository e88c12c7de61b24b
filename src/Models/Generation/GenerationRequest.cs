namespace Cai.Models.Generation;

/// <summary>
/// One unit of work for a <see cref="DecodeBatch"/>: prompts continued with one set of options, NumReturnSequences
/// rows per prompt, all drawing from one torch generator seeded with <see cref="Seed"/>. A request draws exactly what
/// it would draw alone, whatever else shares the batch, as long as its logits are the same in the batch.
/// </summary>
public sealed class GenerationRequest
{
    /// <summary>Creates a request; <paramref name="seed"/> defaults to <see cref="GenerationOptions.Seed"/>.</summary>
    /// <exception cref="ArgumentException">No prompts, or an empty prompt.</exception>
    public GenerationRequest(IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, long? seed = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (prompts.Count == 0)
            throw new ArgumentException("A generation request needs at least one prompt.", nameof(prompts));
        if (prompts.Any(p => p.Count == 0))
            throw new ArgumentException("Every prompt needs at least one token (encode with BOS).", nameof(prompts));
        (Prompts, Options, Seed, CancellationToken) = (prompts, options, seed ?? options.Seed, cancellationToken);
    }

    /// <summary>Token ids of each prompt (with BOS).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Prompts { get; }

    /// <summary>How to continue them.</summary>
    public GenerationOptions Options { get; }

    /// <summary>Seed of this request's sampler.</summary>
    public long Seed { get; }

    /// <summary>Cancelling it takes the request out of the batch at the next step (<see cref="Cancelled"/> becomes true).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Called on the decoding thread whenever a row of this request gained output that no later token takes back
    /// (text that could still become a stop string is held until it is decided; the last delta of a row comes when it
    /// finishes). Null turns streaming off. Keep it short: the batch waits for it.
    /// </summary>
    public Action<TextDelta>? TextGenerated { get; init; }

    /// <summary>NumReturnSequences results per prompt, ordered by prompt then sample, once the request finished.</summary>
    public IReadOnlyList<GeneratedSequence>? Results { get; internal set; }

    /// <summary>Whether the request left the batch because it was cancelled (then <see cref="Results"/> stays null).</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Why the request failed (a prompt too long for the model), when it did; it then never joined the batch.</summary>
    public Exception? Error { get; internal set; }

    /// <summary>Whether it finished, was cancelled or failed.</summary>
    public bool Done => Results is not null || Cancelled || Error is not null;
}
