using Cai.Train.Online.Rewards;

namespace Cai.Train.Online;

/// <summary>
/// One batch of sampled responses, shared by the online trainers. Row b is its prompt left-padded to the context length
/// P, then its response right-padded to R: <c>[pad… prompt | response pad…]</c>. Positions count real tokens only, so a
/// left-padded prompt sees the positions it would see alone; the key padding mask hides both paddings. The response
/// keeps the stop token the policy sampled (EOS, a llama2.c model's BOS, or <c>stop_token_id</c>) and is padded after
/// it, as TRL's <c>truncate_response</c> does: its log-prob is trained like any other token's.
/// </summary>
public sealed class RolloutBatch : IDisposable
{
    /// <summary>Assembles the tensors of a batch from its prompts and responses.</summary>
    /// <param name="prompts">The prompt of each row.</param>
    /// <param name="responses">The sampled tokens of each row (at least one), with the stop token when the response stopped at one.</param>
    /// <param name="texts">The response texts (without EOS).</param>
    /// <param name="endedWithEos">Whether each response stopped at an end-of-text token (EOS, or a llama2.c model's BOS) rather than at the length limit or another stop token.</param>
    /// <param name="device">Where the tensors live.</param>
    public RolloutBatch(IReadOnlyList<TokenizedPrompt> prompts, IReadOnlyList<int[]> responses, IReadOnlyList<string> texts,
        IReadOnlyList<bool> endedWithEos, Device device)
    {
        if (prompts.Count == 0 || prompts.Count != responses.Count || responses.Count != texts.Count || texts.Count != endedWithEos.Count)
            throw new ArgumentException("a rollout needs one prompt, response, text and EOS flag per row", nameof(responses));
        if (responses.Any(r => r.Length == 0))
            throw new ArgumentException("every response needs at least one token", nameof(responses));
        (Prompts, Responses, Texts, EndedWithEos) = (prompts, responses, texts, endedWithEos);
        var (b, p, r) = (prompts.Count, prompts.Max(x => x.Ids.Length), responses.Max(x => x.Length));
        ContextLength = p;
        var ids = new long[b * (p + r)];
        var mask = new bool[b * (p + r)];
        var positions = new long[b * (p + r)];
        for (var row = 0; row < b; row++)
        {
            var (prompt, response, offset) = (prompts[row].Ids, responses[row], row * (p + r));
            var pad = p - prompt.Length;
            for (var i = 0; i < prompt.Length; i++)
                (ids[offset + pad + i], mask[offset + pad + i], positions[offset + pad + i]) = (prompt[i], true, i);
            for (var i = 0; i < r; i++)
            {
                var real = i < response.Length;
                (ids[offset + p + i], mask[offset + p + i], positions[offset + p + i]) = (real ? response[i] : 0, real, prompt.Length + i);
            }
        }

        QueryResponses = tensor(ids, [b, p + r], device: device);
        AttentionMask = tensor(mask, [b, p + r], device: device);
        Positions = tensor(positions, [b, p + r], device: device);
        ResponseIds = QueryResponses[.., p..].contiguous();
        ResponseMask = AttentionMask[.., p..].contiguous();
    }

    /// <summary>The prompt of each row.</summary>
    public IReadOnlyList<TokenizedPrompt> Prompts { get; }

    /// <summary>The sampled tokens of each row, EOS included when produced.</summary>
    public IReadOnlyList<int[]> Responses { get; }

    /// <summary>The response texts.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Whether each response ended with EOS.</summary>
    public IReadOnlyList<bool> EndedWithEos { get; }

    /// <summary>Rows in the batch.</summary>
    public int Count => Prompts.Count;

    /// <summary>P: the left-padded prompt width.</summary>
    public int ContextLength { get; }

    /// <summary>(B, P + R) int64 prompt and response tokens.</summary>
    public Tensor QueryResponses { get; }

    /// <summary>(B, P + R) bool, true on real tokens.</summary>
    public Tensor AttentionMask { get; }

    /// <summary>(B, P + R) int64 positions of each token within its own row.</summary>
    public Tensor Positions { get; }

    /// <summary>(B, R) int64 response tokens.</summary>
    public Tensor ResponseIds { get; }

    /// <summary>(B, R) bool, true on real response tokens (through the EOS).</summary>
    public Tensor ResponseMask { get; }

    /// <summary>Sampled tokens in the batch (the rollout's tokens/s numerator).</summary>
    public long TokenCount => Responses.Sum(r => (long)r.Length);

    /// <summary>The rows as reward queries.</summary>
    /// <param name="endOfText">
    /// When given, a response that ended by itself ends with this token in its query, whichever end-of-text token the
    /// policy sampled (llama2.c models end a story with BOS): a reward model was trained on rows ending with EOS.
    /// </param>
    public IReadOnlyList<RewardQuery> Queries(int? endOfText = null) =>
        [.. Prompts.Select((p, i) => new RewardQuery(p.Record.Id, p.Record.Messages, Texts[i], p.Ids,
            endOfText is { } eos && EndedWithEos[i] && Responses[i][^1] != eos ? [.. Responses[i][..^1], eos] : Responses[i]))];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in new[] { QueryResponses, AttentionMask, Positions, ResponseIds, ResponseMask })
            t.Dispose();
    }
}
