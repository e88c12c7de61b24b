using System.Globalization;
using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Runner;
using Cai.Preference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Judging;

/// <summary>
/// A feedback model as the reward of online RL from the constitution (RL from AI feedback in its most direct form, Bai
/// et al. 2022, §4; Guo et al. 2024, "Direct Language Model Alignment from Online AI Feedback"). Pointwise
/// (<see cref="ScoreAsync"/>, for RLOO and GRPO): the principle's question as a rating request, scored by the expected
/// rating over the first token's probabilities. Pairwise (<see cref="CompareAsync"/>, for online DPO): the principle's
/// comparison question in both orders through <see cref="FeedbackLabeler"/>, as the pipeline's feedback mode asks it.
/// Each prompt gets one principle, drawn from its content hash, so all responses to a prompt answer the same question.
/// Answers are cached on disk (<see cref="JudgeCache"/>); a failed judgement is returned as failed with its reason and
/// recorded, never scored 0.
/// </summary>
public sealed class AiJudge
{
    const string RatingKind = "rating";
    const string ComparisonKind = "comparison";

    readonly IChoiceLogProbs logProbs;
    readonly PrincipleSampler principles;
    readonly JudgeCache cache;
    readonly AiJudgeOptions options;
    readonly FeedbackLabeler labeler;
    readonly ILogger<AiJudge> logger;

    /// <summary>A judge over <paramref name="logProbs"/> (e.g. <c>ChatClientChoiceLogProbs</c> over a resilient chat client).</summary>
    /// <param name="logProbs">Reads the feedback model's first-token log-probs.</param>
    /// <param name="model">The feedback model's spec: the judge's id in the cache and in failures.</param>
    /// <param name="constitution">Whose principles' questions are asked.</param>
    /// <param name="cache">Where answers and failures go; owned by the caller.</param>
    /// <param name="options">Judge options; null for defaults.</param>
    /// <param name="logger">Logs failed judgements.</param>
    public AiJudge(IChoiceLogProbs logProbs, string model, Constitution constitution, JudgeCache cache,
        AiJudgeOptions? options = null, ILogger<AiJudge>? logger = null)
    {
        this.logProbs = logProbs ?? throw new ArgumentNullException(nameof(logProbs));
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        this.cache = cache ?? throw new ArgumentNullException(nameof(cache));
        this.options = options ?? new AiJudgeOptions();
        this.options.Validate();
        principles = new PrincipleSampler(constitution, this.options.Seed);
        labeler = new FeedbackLabeler(logProbs, model, new FeedbackOptions { TopLogProbs = this.options.TopLogProbs });
        this.logger = logger ?? NullLogger<AiJudge>.Instance;
        Model = model;
    }

    /// <summary>The feedback model's spec.</summary>
    public string Model { get; }

    /// <summary>The principle whose question is asked about every response to <paramref name="prompt"/>.</summary>
    public Principle PrincipleFor(string prompt) => principles.Next(ContentId.Of(prompt), []);

    /// <summary>Rates each response; results are in the order of <paramref name="items"/>.</summary>
    /// <exception cref="LogProbabilitiesNotSupportedException">The feedback model cannot return log-probs (bad configuration).</exception>
    public async Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<(string Prompt, string Response)> items,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var scale = string.Create(CultureInfo.InvariantCulture, $"{options.RatingMin}-{options.RatingMax}");
        var questions = items.Select(item =>
        {
            var principle = PrincipleFor(item.Prompt);
            return new Question(JudgeCache.Key(Model, RatingKind, principle.Comparison, scale, item.Prompt, item.Response), principle,
                ct => RateAsync(item.Prompt, item.Response, principle, ct));
        }).ToList();
        var answers = await AskAllAsync(questions, RatingKind, cancellationToken).ConfigureAwait(false);
        return [.. items.Select((item, i) => new JudgeScore(item.Prompt, item.Response, questions[i].Principle.Id,
            answers[i].Entry?.Value, answers[i].Cached, answers[i].Failure))];
    }

    /// <summary>Judges which response of each pair is better; results are in the order of <paramref name="items"/>.</summary>
    /// <exception cref="LogProbabilitiesNotSupportedException">The feedback model cannot return log-probs (bad configuration).</exception>
    public async Task<IReadOnlyList<PairJudgement>> CompareAsync(IReadOnlyList<(string Prompt, string First, string Second)> items,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var questions = items.Select(item =>
        {
            var principle = PrincipleFor(item.Prompt);
            return new Question(JudgeCache.Key(Model, ComparisonKind, principle.Comparison, "A/B", item.Prompt, item.First, item.Second),
                principle, async ct => ((await labeler.CompareAsync([Message.User(item.Prompt)], item.First, item.Second,
                    principle, ct).ConfigureAwait(false)).ProbabilityFirstBetter, null));
        }).ToList();
        var answers = await AskAllAsync(questions, ComparisonKind, cancellationToken).ConfigureAwait(false);
        return [.. items.Select((item, i) => new PairJudgement(item.Prompt, item.First, item.Second, questions[i].Principle.Id,
            answers[i].Entry?.Value, answers[i].Cached, answers[i].Failure))];
    }

    async Task<(double Value, double? RatingMass)> RateAsync(string prompt, string response, Principle principle, CancellationToken ct)
    {
        var logProbs = await this.logProbs.FirstTokenLogProbsAsync(RatingPrompt.Render(prompt, response, principle, options.RatingMin,
            options.RatingMax), options.TopLogProbs, ct).ConfigureAwait(false);
        var (score, mass) = RatingExpectation.Of(logProbs, options.RatingMin, options.RatingMax);
        return (score, mass);
    }

    // Each distinct question is asked once (a group of samples often repeats a response), cached ones not at all.
    async Task<Answer[]> AskAllAsync(List<Question> questions, string kind, CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var pending = questions.Where(q => !cache.TryGet(q.Key, out _)).DistinctBy(q => q.Key).ToList();
        var asked = new Answer[pending.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => asked[i] = await AskAsync(pending[i], kind, ct).ConfigureAwait(false)).ConfigureAwait(false);
        for (var i = 0; i < pending.Count; i++)
            fresh[pending[i].Key] = asked[i];
        return [.. questions.Select(q => fresh.TryGetValue(q.Key, out var answer)
            ? answer
            : new Answer(cache.TryGet(q.Key, out var entry) ? entry : null, Cached: true, Failure: null))];
    }

    async Task<Answer> AskAsync(Question question, string kind, CancellationToken ct)
    {
        try
        {
            var (value, mass) = await question.Ask(ct).ConfigureAwait(false);
            var entry = new JudgeCacheEntry
            {
                Id = question.Key, Judge = Model, Kind = kind, PrincipleId = question.Principle.Id, Value = value, RatingMass = mass,
            };
            await cache.AddAsync(entry, CancellationToken.None).ConfigureAwait(false);
            return new Answer(entry, Cached: false, Failure: null);
        }
        catch (Exception ex) when (ex is not LogProbabilitiesNotSupportedException
                                   && !(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            var failure = new FailureRecord
            {
                Id = question.Key,
                Stage = JudgeCache.StageName,
                ErrorKind = ErrorKinds.Of(ex),
                Message = $"{kind} by {Model} under principle '{question.Principle.Id}': {ex.Message}",
            };
            logger.LogWarning("Judge {Judge} failed a {Kind} ({ErrorKind}): {Message}", Model, kind, failure.ErrorKind, ex.Message);
            await cache.RecordFailureAsync(failure, CancellationToken.None).ConfigureAwait(false);
            return new Answer(null, Cached: false, failure);
        }
    }

    sealed record Question(string Key, Principle Principle, Func<CancellationToken, Task<(double Value, double? RatingMass)>> Ask);

    sealed record Answer(JudgeCacheEntry? Entry, bool Cached, FailureRecord? Failure);
}

/// <summary>The judge's rating of one response.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Response">The response rated.</param>
/// <param name="PrincipleId">The principle whose question was asked.</param>
/// <param name="Score">The expected rating in [RatingMin, RatingMax]; null when the judgement failed.</param>
/// <param name="Cached">Whether the answer came from the cache.</param>
/// <param name="Failure">Why the judgement failed (also in <c>judge.failed.jsonl</c>); null on success.</param>
public sealed record JudgeScore(string Prompt, string Response, string PrincipleId, double? Score, bool Cached, FailureRecord? Failure)
{
    /// <summary>Whether a score came back.</summary>
    public bool Succeeded => Score is not null;
}

/// <summary>The judge's verdict on one pair of responses.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="First">The first response.</param>
/// <param name="Second">The second response.</param>
/// <param name="PrincipleId">The principle whose comparison question was asked.</param>
/// <param name="ProbabilityFirstBetter">P(first is better), averaged over both orders; null when the judgement failed.</param>
/// <param name="Cached">Whether the answer came from the cache.</param>
/// <param name="Failure">Why the judgement failed (also in <c>judge.failed.jsonl</c>); null on success.</param>
public sealed record PairJudgement(string Prompt, string First, string Second, string PrincipleId, double? ProbabilityFirstBetter,
    bool Cached, FailureRecord? Failure)
{
    /// <summary>Whether a verdict came back.</summary>
    public bool Succeeded => ProbabilityFirstBetter is not null;

    /// <summary>Whether the first response is chosen (ties go to the first, as TRL's online DPO does with scores).</summary>
    public bool? FirstIsChosen => ProbabilityFirstBetter is { } p ? p >= 0.5 : null;
}
