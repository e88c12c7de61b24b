using Cai.Core.Constitutions;
using Cai.Core.Records;
using Cai.Core.Runs;

namespace Cai.Core.Judging;

/// <summary>
/// The lineage of a critiqued/revised row: the constitution (name and hash), the principle ids of its rounds, the
/// models by role (merged with what the input row already recorded) and the per-item seed.
/// </summary>
public static class RoundLineage
{
    /// <summary>The lineage for <paramref name="input"/> after <paramref name="rounds"/>.</summary>
    /// <param name="input">The row before this stage (a sample, or a row with earlier rounds).</param>
    /// <param name="constitution">The constitution the rounds applied.</param>
    /// <param name="rounds">All rounds of the output row.</param>
    /// <param name="models">Model specs by role used by this stage, e.g. <c>critic</c>, <c>reviser</c>.</param>
    /// <param name="runSeed">
    /// The run seed the stage drew principles from; the lineage records the input's per-item seed derived from it
    /// (<see cref="SeededRandom.DeriveSeed"/>, as <see cref="PrincipleSampler"/> draws). Null keeps the input's seed.
    /// </param>
    public static Lineage For(
        SampleRecord input, Constitution constitution, IReadOnlyList<RevisionRound> rounds,
        IReadOnlyDictionary<string, string> models, long? runSeed)
    {
        var previous = (input as RevisedRecord)?.Lineage;
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["policy"] = input.Model };
        foreach (var (role, model) in previous?.Models ?? new Dictionary<string, string>()) merged[role] = model;
        foreach (var (role, model) in models) merged[role] = model;
        return new Lineage
        {
            Constitution = constitution.Name,
            ConstitutionHash = constitution.Hash,
            PrincipleIds = [.. rounds.Select(r => r.PrincipleId)],
            Models = merged,
            Sampling = input.Sampling,
            Seed = runSeed is { } run ? SeededRandom.DeriveSeed(run, input.Id) : previous?.Seed ?? input.Seed,
        };
    }
}
