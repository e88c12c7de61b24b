namespace Cai.Pipeline.Evaluation;

/// <summary>
/// The standard errors an evaluation reports, written once so that every error bar follows the same rule for the same
/// kind of estimate:
/// <list type="bullet">
/// <item>a mean of per-item scores (<see cref="OfMean"/>: the KL log-ratios, the win rate's 0 / ½ / 1 per pair) is the
/// sample standard deviation, with Bessel's n − 1, over √n, as <c>scipy.stats.sem</c> with its default <c>ddof=1</c>;</item>
/// <item>a proportion of counted successes (<see cref="OfProportion"/>: the violation rate, a judge's multiple-choice
/// accuracy) is the Wald binomial error √(p (1 − p) / n) the papers quote, which is <see cref="OfMean"/> of the 0/1
/// outcomes times √((n − 1) / n);</item>
/// <item>a mean over completions when the completions of one prompt are not independent (<see cref="OverPrompts"/>:
/// the violation rate and the reward-model score over prompts) is the prompt-clustered error.</item>
/// </list>
/// </summary>
public static class StandardError
{
    /// <summary>
    /// √(Σ (x − x̄)² / (n − 1)) / √n, the standard error of the mean of <paramref name="values"/> with the sample variance
    /// (ddof = 1, <c>scipy.stats.sem</c>). One value has no spread to estimate and gives 0 (scipy gives NaN, which a
    /// report's JSON cannot hold).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static double OfMean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("The standard error of a mean needs at least one value.", nameof(values));
        if (values.Count == 1)
            return 0;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }

    /// <summary>√(p (1 − p) / n), the Wald standard error of a proportion <paramref name="p"/> of <paramref name="n"/> independent trials.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or <paramref name="n"/> is not positive.</exception>
    public static double OfProportion(double p, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A proportion must be in [0, 1].");
        return Math.Sqrt(p * (1 - p) / n);
    }

    /// <summary>
    /// The cluster (prompt) standard error of the mean of <paramref name="values"/>, each prompt weighted by its
    /// completions: √(Σ_p (sum_p − x̄·count_p)² · P/(P − 1)) / n over the P prompts (n values in all). With equally
    /// many completions per prompt it is the standard deviation of the per-prompt means over √P; with one completion per
    /// prompt it is <see cref="OfMean"/>. Null with fewer than two prompts.
    /// </summary>
    public static double? OverPrompts(IReadOnlyList<(string PromptId, double Value)> values)
    {
        var prompts = values.GroupBy(v => v.PromptId).Select(g => (Count: g.Count(), Sum: g.Sum(v => v.Value))).ToList();
        if (prompts.Count < 2)
            return null;
        var n = (double)values.Count;
        var mean = prompts.Sum(p => p.Sum) / n;
        var sum = prompts.Sum(p => Math.Pow(p.Sum - mean * p.Count, 2));
        return Math.Sqrt(sum * prompts.Count / (prompts.Count - 1)) / n;
    }
}
