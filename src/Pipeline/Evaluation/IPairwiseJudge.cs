namespace Cai.Pipeline.Evaluation;

/// <summary>Compares two responses to the same prompt.</summary>
public interface IPairwiseJudge
{
    /// <summary>The judge's name for reports, e.g. <c>rules</c> or a model spec.</summary>
    string Name { get; }

    /// <summary>Judges response <paramref name="a"/> against response <paramref name="b"/>.</summary>
    Task<PairVerdict> CompareAsync(string prompt, string a, string b, CancellationToken cancellationToken = default);
}
