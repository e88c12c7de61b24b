using Cai.Models.Chat;
using Cai.Models.Tokenizers;
using Cai.Pipeline.Evaluation;
using Cai.Train.Data;
using Cai.Train.Online.Rewards;

namespace Cai.Cli.Composition;

/// <summary>
/// Scores evaluation completions with a reward model from <c>cai train reward</c>: each completion is tokenized as
/// the reward model saw its training pairs (the prompt's turns and the completion as the assistant's answer in the
/// chat format, EOS closing it), so the score is the one PPO's reward source would give the same text.
/// </summary>
sealed class EvalRewardScorer(string rewardModelDir, IChatFormat format, ITextTokenizer tokenizer)
{
    /// <summary>The mean score of <paramref name="completions"/> of <paramref name="prompts"/> (matched by prompt id).</summary>
    public async Task<RewardScoreResult> ScoreAsync(IReadOnlyList<EvalPrompt> prompts, IReadOnlyList<EvalCompletion> completions,
        CancellationToken cancellationToken)
    {
        var turnsById = prompts.ToDictionary(p => p.Id, p => p.Turns ?? [ChatTurn.User(p.Text)]);
        var encoder = new CompletionTokenizer(format, tokenizer);
        var queries = new List<RewardQuery>(completions.Count);
        foreach (var c in completions)
        {
            var turns = turnsById[c.PromptId];
            // An empty completion is scored as EOS alone, the answer the model gave; the prompt side of an encoding does
            // not depend on the answer, so any text gives its ids.
            var (promptIds, responseIds) = encoder.Encode(turns, [ChatTurn.Assistant(c.Text)]) is { } ids
                ? ids
                : (encoder.Encode(turns, [ChatTurn.Assistant(".")])!.Value.Prompt, [tokenizer.EosId]);
            queries.Add(new RewardQuery(c.PromptId, [], c.Text, promptIds, responseIds));
        }
        var source = RewardModelSource.Load(rewardModelDir);
        var scores = await source.ScoreAsync(queries, cancellationToken);
        return RewardScoreResult.From(rewardModelDir, [.. completions.Select((c, i) => (c.PromptId, scores[i]))]);
    }
}
