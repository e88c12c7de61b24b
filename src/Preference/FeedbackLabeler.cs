using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Microsoft.Extensions.AI;

namespace Cai.Preference;

/// <summary>
/// RL-CAI labels from a feedback model (Bai et al. 2022, section 4.1): the model answers the principle's comparison
/// question as multiple choice, and P(first better) is the normalised probability of its option letter read from
/// the first answer token's log-probs. Each pair is asked in both orders and the two probabilities averaged, which
/// cancels the model's bias towards a position. With chain of thought, the model first reasons (through the chat
/// client) and each order's probability is clamped to <see cref="FeedbackOptions.Clamp"/> before averaging.
/// </summary>
public sealed class FeedbackLabeler : IPairwiseJudge
{
    readonly IChoiceLogProbs logProbs;
    readonly IChatClient? reasoner;
    readonly FeedbackOptions options;

    /// <summary>A labeller.</summary>
    /// <param name="logProbs">Reads the first answer token's log-probs from the feedback model.</param>
    /// <param name="model">The feedback model's spec, recorded in lineage.</param>
    /// <param name="options">Labelling options; null for defaults.</param>
    /// <param name="reasoner">The same feedback model as a chat client; required for chain of thought.</param>
    public FeedbackLabeler(IChoiceLogProbs logProbs, string model, FeedbackOptions? options = null, IChatClient? reasoner = null)
    {
        this.logProbs = logProbs ?? throw new ArgumentNullException(nameof(logProbs));
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        this.options = options ?? new FeedbackOptions();
        this.options.Validate();
        if (this.options.Cot && reasoner is null)
            throw new ArgumentException("FeedbackOptions.Cot needs the feedback model as a chat client (reasoner).", nameof(reasoner));
        this.reasoner = reasoner;
        Name = model;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<PairPreference> CompareAsync(
        IReadOnlyList<Message> conversation, string first, string second, Principle? principle, CancellationToken cancellationToken)
    {
        var question = principle?.Comparison ?? IPairwiseJudge.DefaultQuestion;
        var firstAsA = await ProbabilityOfAAsync(conversation, question, first, second, cancellationToken).ConfigureAwait(false);
        var firstAsB = 1 - await ProbabilityOfAAsync(conversation, question, second, first, cancellationToken).ConfigureAwait(false);
        return new PairPreference(firstAsA, firstAsB);
    }

    async Task<double> ProbabilityOfAAsync(
        IReadOnlyList<Message> conversation, string question, string a, string b, CancellationToken cancellationToken)
    {
        var prompt = ComparisonPrompt.Render(conversation, question, a, b, options.Cot);
        if (!options.Cot)
            return ChoiceProbability.OfA(await logProbs.FirstTokenLogProbsAsync(prompt, options.TopLogProbs, cancellationToken).ConfigureAwait(false));

        var reasoning = await reasoner!.GetResponseAsync(ChatMessages.ToChat(prompt), cancellationToken: cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Message> answerPrompt = [.. prompt, Message.Assistant(reasoning.Text.Trim()), Message.User(ComparisonPrompt.AnswerRequest)];
        var p = ChoiceProbability.OfA(await logProbs.FirstTokenLogProbsAsync(answerPrompt, options.TopLogProbs, cancellationToken).ConfigureAwait(false));
        return Math.Clamp(p, options.Clamp.Low, options.Clamp.High);
    }
}
