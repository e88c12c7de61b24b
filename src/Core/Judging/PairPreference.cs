namespace Cai.Core.Judging;

/// <summary>
/// A pairwise judgement: the probability that the first answer is the better one, asked once with it shown first
/// (as option A) and once with it shown second.
/// </summary>
/// <param name="FirstShownFirst">P(first better) when the first answer is shown first.</param>
/// <param name="FirstShownSecond">P(first better) when the first answer is shown second.</param>
public sealed record PairPreference(double FirstShownFirst, double FirstShownSecond)
{
    /// <summary>The same probability in both orders, from a judge that does not see an order (the rules).</summary>
    public static PairPreference Unordered(double probability) => new(probability, probability);

    /// <summary>P(first better): the mean of the two orders, the RL-CAI label.</summary>
    public double ProbabilityFirstBetter => (FirstShownFirst + FirstShownSecond) / 2;

    /// <summary>An answer wins only when it is preferred in both orders; when the orders disagree, or either is even, it is a tie.</summary>
    public PairVerdict Verdict =>
        FirstShownFirst > 0.5 && FirstShownSecond > 0.5 ? PairVerdict.AWins
        : FirstShownFirst < 0.5 && FirstShownSecond < 0.5 ? PairVerdict.BWins
        : PairVerdict.Tie;
}

/// <summary>A judge's verdict on a pair of responses (A = the first, B = the second).</summary>
public enum PairVerdict
{
    /// <summary>Response A is better.</summary>
    AWins,

    /// <summary>Response B is better.</summary>
    BWins,

    /// <summary>Neither is better, or the judge contradicted itself when the order was swapped.</summary>
    Tie,
}
