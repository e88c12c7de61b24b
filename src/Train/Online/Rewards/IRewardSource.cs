using Cai.Core.Records;

namespace Cai.Train.Online.Rewards;

/// <summary>
/// The reward seam of online training (PPO, and the RLOO/GRPO/online-DPO trainers that reuse the rollouts): a batch of
/// sampled responses in, one score each out, in order. Implemented here by a reward model, the constitution's rules,
/// a word counter and a weighted sum; an AI judge over <c>IChatClient</c> lives in Pipeline and is composed in Cli,
/// so Train stays free of LLM SDKs.
/// </summary>
public interface IRewardSource
{
    /// <summary>A short name for logs and metrics (<c>reward-model</c>, <c>rules:kind-stories</c>, ...).</summary>
    string Name { get; }

    /// <summary>Scores every response of <paramref name="batch"/>; returns one finite score per item, in order.</summary>
    Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default);
}

/// <summary>One sampled response to score, as text (rules, judges) and as the policy's tokens (reward models).</summary>
/// <param name="PromptId">The prompt record's id.</param>
/// <param name="Prompt">The prompt conversation.</param>
/// <param name="Response">The response text, without the stop token.</param>
/// <param name="PromptIds">The prompt's tokens as the policy saw them (chat format applied, BOS first).</param>
/// <param name="ResponseIds">The sampled tokens, ending with EOS when the response stopped at an end-of-text token.</param>
public sealed record RewardQuery(string PromptId, IReadOnlyList<Message> Prompt, string Response,
    IReadOnlyList<int> PromptIds, IReadOnlyList<int> ResponseIds);
