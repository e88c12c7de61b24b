namespace Cai.Pipeline.Judging;

/// <summary>Options of <see cref="AiJudge"/>.</summary>
public sealed record AiJudgeOptions
{
    /// <summary>The worst rating of the pointwise scale.</summary>
    /// <value>The default value is 1.</value>
    public int RatingMin { get; init; } = 1;

    /// <summary>The best rating; at most 9 so that every rating is one token.</summary>
    /// <value>The default value is 9.</value>
    public int RatingMax { get; init; } = 9;

    /// <summary>First-token log-probs asked for per question (OpenAI allows up to 20).</summary>
    /// <value>The default value is 20.</value>
    public int TopLogProbs { get; init; } = 20;

    /// <summary>Judgements in flight at once (the resilience pipeline's rate limiter still applies).</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Seed of the principle draw: each prompt gets one principle, the same for all its responses.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (RatingMin < 0 || RatingMax > 9 || RatingMin >= RatingMax)
            throw new ArgumentOutOfRangeException(nameof(RatingMin), $"[{RatingMin}, {RatingMax}]",
                "AiJudgeOptions.RatingMin and RatingMax must satisfy 0 <= min < max <= 9 (one token per rating).");
        if (TopLogProbs < 2)
            throw new ArgumentOutOfRangeException(nameof(TopLogProbs), TopLogProbs, "AiJudgeOptions.TopLogProbs must be at least 2.");
        if (MaxConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "AiJudgeOptions.MaxConcurrency must be at least 1.");
    }
}
