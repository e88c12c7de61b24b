using System.Globalization;

namespace Cai.Pipeline.Judging;

/// <summary>
/// Turns first-token log-probs into an expected rating: tokens spelling an integer in [min, max] (after trimming
/// spaces, as <c>" 7"</c>) are kept, their probabilities renormalised over the ratings found, and the score is
/// Σ p(r)·r. Every rating must be one token, so scales stop at 9 (a tokenizer spells "10" as "1" then "0").
/// </summary>
public static class RatingExpectation
{
    /// <summary>The expected rating and the probability mass the ratings held before renormalising.</summary>
    /// <exception cref="InvalidDataException">No rating is among the tokens.</exception>
    public static (double Score, double RatingMass) Of(IReadOnlyDictionary<string, double> logProbs, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        var ratings = new List<(int Rating, double LogProb)>();
        foreach (var (token, logProb) in logProbs)
        {
            if (int.TryParse(token.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rating)
                && rating >= min && rating <= max && !double.IsNaN(logProb))
                ratings.Add((rating, logProb));
        }

        if (ratings.Count == 0 || ratings.All(r => double.IsNegativeInfinity(r.LogProb)))
            throw new InvalidDataException(
                $"No rating {min}..{max} among the first-token log-probs [{string.Join(", ", logProbs.Keys.Select(k => $"'{k}'"))}].");
        // Shift by the largest log-prob so tiny probabilities do not underflow to 0/0.
        var top = ratings.Max(r => r.LogProb);
        var weights = ratings.Select(r => (r.Rating, Weight: Math.Exp(r.LogProb - top))).ToList();
        var total = weights.Sum(w => w.Weight);
        var score = weights.Sum(w => w.Weight * w.Rating) / total;
        return (score, Math.Min(1.0, total * Math.Exp(top)));
    }
}
