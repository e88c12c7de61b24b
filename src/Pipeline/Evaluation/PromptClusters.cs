namespace Cai.Pipeline.Evaluation;

/// <summary>
/// The standard error of a mean over completions when completions of one prompt are not independent: the cluster
/// (prompt) standard error of the ratio estimator, each prompt weighted by its completions. The violation rate and the
/// reward-model score both report it.
/// </summary>
public static class PromptClusters
{
    /// <summary>
    /// √(Σ_p (sum_p − mean·count_p)² · P/(P−1)) / n over the P prompts of <paramref name="values"/> (n values in all);
    /// null with fewer than two prompts.
    /// </summary>
    public static double? StandardErrorOfMean(IReadOnlyList<(string PromptId, double Value)> values)
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
