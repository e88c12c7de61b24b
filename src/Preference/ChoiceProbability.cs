namespace Cai.Preference;

/// <summary>
/// Turns first-token log-probs into the normalised probability of option (A) over (B): tokens spelling the same
/// letter (<c>"A"</c>, <c>" A"</c>, <c>"(A"</c>, <c>"(A)"</c>) are summed, everything else is ignored, and
/// P(A) = p(A) / (p(A) + p(B)).
/// </summary>
public static class ChoiceProbability
{
    /// <summary>The normalised probability of (A).</summary>
    /// <exception cref="InvalidDataException">Neither letter is among the tokens.</exception>
    public static double OfA(IReadOnlyDictionary<string, double> logProbs)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        var letters = logProbs
            .Select(kv => (Letter: kv.Key.Trim().Trim('(', ')').Trim(), LogProb: kv.Value))
            .Where(t => t.Letter is "A" or "B" && !double.IsNaN(t.LogProb))
            .ToList();
        if (letters.Count == 0)
            throw new InvalidDataException(
                $"No (A) or (B) among the first-token log-probs [{string.Join(", ", logProbs.Keys.Select(k => $"'{k}'"))}].");
        // Shift by the largest log-prob before exponentiating so tiny probabilities do not underflow to 0/0.
        var max = letters.Max(t => t.LogProb);
        var a = letters.Where(t => t.Letter == "A").Sum(t => Math.Exp(t.LogProb - max));
        var b = letters.Where(t => t.Letter == "B").Sum(t => Math.Exp(t.LogProb - max));
        return a / (a + b);
    }
}
