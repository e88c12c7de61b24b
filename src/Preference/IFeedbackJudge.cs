using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>Judges which of two answers to the same conversation better follows one principle.</summary>
public interface IFeedbackJudge
{
    /// <summary>The judge's model spec, recorded in lineage under <c>feedback</c>.</summary>
    string Model { get; }

    /// <summary>The probability, in [0, 1], that <paramref name="first"/> is the better answer under <paramref name="principle"/>.</summary>
    Task<double> ProbabilityFirstBetterAsync(
        IReadOnlyList<Message> conversation, string first, string second, Principle principle, CancellationToken cancellationToken);
}
