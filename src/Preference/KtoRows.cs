using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// Unpaired KTO rows (Ethayarajh et al. 2024) from preference pairs, as TRL's KTOTrainer reads them: each pair gives
/// one desirable row (its chosen, <c>label: true</c>) and one undesirable row (its rejected, <c>label: false</c>).
/// Over a set of pairs an answer that is compared several times (all-pairs feedback) becomes one row, labelled by
/// its net record: desirable when it won more comparisons than it lost, undesirable when it lost more, and dropped
/// when even, so the rows never contradict each other.
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

    /// <summary>
    /// One row per distinct (prompt, answer) of <paramref name="pairs"/>, in first-seen order, labelled by the answer's
    /// wins minus losses; answers with as many wins as losses are left out. Each row keeps the id and lineage of the
    /// first pair that gave it its label. When every answer is in one pair this is every pair's two rows, in order.
    /// </summary>
    public static IEnumerable<UnpairedExample> From(IEnumerable<PreferencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var order = new List<Tally>();
        foreach (var row in pairs.SelectMany(From))
        {
            var key = TrainTestSplit.PromptKey(row.Prompt) + "\u001d" + TrainTestSplit.PromptKey(row.Completion);
            if (!tallies.TryGetValue(key, out var tally))
            {
                tally = new Tally();
                tallies[key] = tally;
                order.Add(tally);
            }
            tally.Net += row.Label ? 1 : -1;
            if (row.Label)
                tally.FirstDesirable ??= row;
            else
                tally.FirstUndesirable ??= row;
        }
        return order.Where(t => t.Net != 0).Select(t => t.Net > 0 ? t.FirstDesirable! : t.FirstUndesirable!);
    }

    sealed class Tally
    {
        public int Net;
        public UnpairedExample? FirstDesirable;
        public UnpairedExample? FirstUndesirable;
    }
}
