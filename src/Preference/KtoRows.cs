using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// Unpaired KTO rows (Ethayarajh et al. 2024) from preference pairs, as TRL's KTOTrainer reads them: each pair gives
/// one desirable row (its chosen, <c>label: true</c>) and one undesirable row (its rejected, <c>label: false</c>).
/// </summary>
public static class KtoRows
{
    /// <summary>The two unpaired rows of <paramref name="pair"/>, ids <c>{pair id}:chosen</c> and <c>{pair id}:rejected</c>.</summary>
    public static IReadOnlyList<UnpairedExample> From(PreferencePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return
        [
            new UnpairedExample { Id = pair.Id + ":chosen", Prompt = pair.Prompt, Completion = pair.Chosen, Label = true, Lineage = pair.Lineage },
            new UnpairedExample { Id = pair.Id + ":rejected", Prompt = pair.Prompt, Completion = pair.Rejected, Label = false, Lineage = pair.Lineage },
        ];
    }

    /// <summary>The unpaired rows of all <paramref name="pairs"/>, in order.</summary>
    public static IEnumerable<UnpairedExample> From(IEnumerable<PreferencePair> pairs) => pairs.SelectMany(From);
}
