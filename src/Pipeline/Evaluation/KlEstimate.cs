namespace Cai.Pipeline.Evaluation;

/// <summary>A Monte-Carlo estimate of KL(policy || reference) from completions sampled from the policy.</summary>
public sealed record KlEstimate
{
    /// <summary>The policy model.</summary>
    public required string Policy { get; init; }

    /// <summary>The reference model.</summary>
    public required string Reference { get; init; }

    /// <summary>Completions scored (empty completions are left out).</summary>
    public required int Sequences { get; init; }

    /// <summary>Completion tokens scored, summed over sequences.</summary>
    public required int Tokens { get; init; }

    /// <summary>Mean over samples of log p_policy(y|x) - log p_ref(y|x), in nats per sequence.</summary>
    public required double KlPerSequence { get; init; }

    /// <summary>Standard error of <see cref="KlPerSequence"/>.</summary>
    public required double StandardError { get; init; }

    /// <summary>The summed log-ratio divided by the summed completion tokens, in nats per token.</summary>
    public required double KlPerToken { get; init; }

    /// <summary>Sampled completions that were empty and could not be scored.</summary>
    public int SkippedEmpty { get; init; }
}
