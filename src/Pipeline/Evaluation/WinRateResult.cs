using Cai.Core.Judging;

namespace Cai.Pipeline.Evaluation;

/// <summary>Pairwise win rate of model A against model B under a judge; a tie counts half a win.</summary>
public sealed record WinRateResult
{
    /// <summary>Model A.</summary>
    public required string ModelA { get; init; }

    /// <summary>Model B.</summary>
    public required string ModelB { get; init; }

    /// <summary>The judge's name.</summary>
    public required string Judge { get; init; }

    /// <summary>Pairs judged.</summary>
    public required int Pairs { get; init; }

    /// <summary>Pairs A won.</summary>
    public required int Wins { get; init; }

    /// <summary>Pairs B won.</summary>
    public required int Losses { get; init; }

    /// <summary>Pairs tied (including order disagreements of a model judge).</summary>
    public required int Ties { get; init; }

    /// <summary>(wins + ties / 2) / pairs.</summary>
    public required double WinRate { get; init; }

    /// <summary>Standard error of <see cref="WinRate"/> over pairs.</summary>
    public required double StandardError { get; init; }

    /// <summary>Counts verdicts into a result.</summary>
    public static WinRateResult From(string modelA, string modelB, string judge, IReadOnlyList<PairVerdict> verdicts)
    {
        if (verdicts.Count == 0)
            throw new ArgumentException("No pairs were judged.", nameof(verdicts));
        var scores = verdicts.Select(v => v switch { PairVerdict.AWins => 1.0, PairVerdict.BWins => 0.0, _ => 0.5 }).ToList();
        var mean = scores.Average();
        return new WinRateResult
        {
            ModelA = modelA,
            ModelB = modelB,
            Judge = judge,
            Pairs = verdicts.Count,
            Wins = verdicts.Count(v => v == PairVerdict.AWins),
            Losses = verdicts.Count(v => v == PairVerdict.BWins),
            Ties = verdicts.Count(v => v == PairVerdict.Tie),
            WinRate = mean,
            StandardError = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count / scores.Count),
        };
    }
}
