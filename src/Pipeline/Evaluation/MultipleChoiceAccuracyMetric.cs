namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Multiple-choice accuracy of a judge from the log-probabilities of the options, as the CAI paper evaluates its
/// feedback models on the 438 HHH comparisons (Bai et al. 2022, section 4.1, figure 4).
/// </summary>
public sealed class MultipleChoiceAccuracyMetric(IChoiceScorer scorer)
{
    /// <summary>Asks every comparison and counts the correct answers.</summary>
    public async Task<MultipleChoiceResult> EvaluateAsync(IReadOnlyList<HhhComparison> items,
        CancellationToken cancellationToken = default)
    {
        if (items.Count == 0)
            throw new ArgumentException("No comparisons to evaluate.", nameof(items));
        var (correct, ties, probability) = (0, 0, 0.0);
        foreach (var item in items)
        {
            var scores = await scorer.ScoreAsync(item.Prompt, [.. item.Corrects, .. item.Incorrects], cancellationToken)
                .ConfigureAwait(false);
            var bestCorrect = scores.Take(item.Corrects.Count).Max();
            var bestIncorrect = scores.Skip(item.Corrects.Count).Max();
            if (bestCorrect > bestIncorrect) correct++;
            else if (bestCorrect == bestIncorrect) ties++;
            probability += CorrectProbability(scores, item.Corrects.Count);
        }
        var accuracy = (double)correct / items.Count;
        return new MultipleChoiceResult
        {
            Judge = scorer.Name,
            Count = items.Count,
            Correct = correct,
            Ties = ties,
            Accuracy = accuracy,
            StandardError = Math.Sqrt(accuracy * (1 - accuracy) / items.Count),
            MeanCorrectProbability = probability / items.Count,
        };
    }

    // Softmax over the options' log-probabilities; options the judge never considered get probability 0.
    static double CorrectProbability(IReadOnlyList<double> scores, int corrects)
    {
        var max = scores.Max();
        if (double.IsNegativeInfinity(max))
            return 1.0 / scores.Count * corrects;
        var weights = scores.Select(s => Math.Exp(s - max)).ToList();
        return weights.Take(corrects).Sum() / weights.Sum();
    }
}
