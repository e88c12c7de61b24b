using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Pipeline.Judging;

/// <summary>Options of <see cref="AiJudge"/>.</summary>
public sealed record AiJudgeOptions : OptionsRecord
{
    /// <summary>The worst rating of the pointwise scale.</summary>
    /// <value>The default value is 1.</value>
    [Range(0, 9)]
    public int RatingMin { get; init; } = 1;

    /// <summary>The best rating; at most 9 so that every rating is one token.</summary>
    /// <value>The default value is 9.</value>
    [Range(0, 9)]
    public int RatingMax { get; init; } = 9;

    /// <summary>First-token log-probs asked for per question (OpenAI allows up to 20).</summary>
    /// <value>The default value is 20.</value>
    [Range(2, 20)]
    public int TopLogProbs { get; init; } = 20;

    /// <summary>Judgements in flight at once (the resilience pipeline's rate limiter still applies).</summary>
    /// <value>The default value is 4.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Seed of the principle draw: each prompt gets one principle, the same for all its responses.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public override void Validate()
    {
        base.Validate();
        if (RatingMin >= RatingMax)
            throw new ArgumentOutOfRangeException(nameof(RatingMin), $"AiJudgeOptions.RatingMin must be below RatingMax (got {RatingMin} >= {RatingMax}).");
    }
}
