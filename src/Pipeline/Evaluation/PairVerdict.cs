namespace Cai.Pipeline.Evaluation;

/// <summary>A judge's verdict on a pair of responses (A, B).</summary>
public enum PairVerdict
{
    /// <summary>Response A is better.</summary>
    AWins,

    /// <summary>Response B is better.</summary>
    BWins,

    /// <summary>Neither is better, or the judge contradicted itself when the order was swapped.</summary>
    Tie,
}
