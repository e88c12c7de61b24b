namespace Cai.Train.Data;

/// <summary>
/// Pads sequences on the right into one batch. Preference pairs go in as chosen rows then rejected rows, so one
/// forward pass scores both (TRL's <c>concatenated_forward</c>). Right padding leaves every real token's causal
/// context untouched, so no key-padding mask is needed.
/// </summary>
public static class SequenceCollator
{
    /// <summary>Collates (prompt, completion) id arrays.</summary>
    /// <param name="rows">The sequences.</param>
    /// <param name="padId">Id written into padding (never a target).</param>
    /// <param name="device">Where the tensors go; null means CPU.</param>
    public static SequenceBatch Collate(IReadOnlyList<(int[] Prompt, int[] Completion)> rows, int padId, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var lengths = rows.Select(r => r.Prompt.Length + r.Completion.Length).ToArray();
        var t = lengths.Max();
        var (ids, real, target) = (new long[rows.Count * t], new bool[rows.Count * t], new bool[rows.Count * t]);
        for (var b = 0; b < rows.Count; b++)
        {
            var (prompt, completion) = rows[b];
            for (var i = 0; i < t; i++)
            {
                var at = b * t + i;
                ids[at] = i < prompt.Length ? prompt[i] : i < lengths[b] ? completion[i - prompt.Length] : padId;
                real[at] = i < lengths[b];
                target[at] = i >= prompt.Length && i < lengths[b];
            }
        }

        long[] shape = [rows.Count, t];
        return new SequenceBatch(tensor(ids, shape, device: device), tensor(real, shape, device: device),
            tensor(target, shape, device: device), lengths);
    }

    /// <summary>Collates pairs as chosen rows 0..B-1 and rejected rows B..2B-1.</summary>
    public static SequenceBatch CollatePairs(IReadOnlyList<TokenizedPair> pairs, int padId, Device? device = null) =>
        Collate([.. pairs.Select(p => (p.Prompt, p.Chosen)), .. pairs.Select(p => (p.Prompt, p.Rejected))], padId, device);
}
