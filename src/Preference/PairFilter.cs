using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// Drops pairs that cannot teach a preference: empty or identical chosen/rejected, over-long answers, and duplicates
/// by content hash of prompt, chosen and rejected. Thread-safe; remembers what it has seen for duplicates.
/// </summary>
public sealed class PairFilter
{
    readonly PairFilterOptions options;
    readonly HashSet<string> seen = new(StringComparer.Ordinal);
    readonly Lock gate = new();

    /// <summary>A filter with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PairFilterOptions.MaxLength"/> is below 1.</exception>
    public PairFilter(PairFilterOptions? options = null)
    {
        this.options = options ?? new PairFilterOptions();
        this.options.Validate();
    }

    /// <summary>Null when <paramref name="pair"/> passes, else the reason it is dropped.</summary>
    public PairRejection? Check(PreferencePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var chosen = Text(pair.Chosen);
        var rejected = Text(pair.Rejected);
        if (chosen.Trim().Length == 0 || rejected.Trim().Length == 0) return PairRejection.Empty;
        if (chosen.Trim() == rejected.Trim()) return PairRejection.Identical;
        if (options.MaxLength is { } max && (chosen.Length > max || rejected.Length > max)) return PairRejection.TooLong;
        if (!options.DropDuplicates) return null;
        var key = ContentId.Of([.. pair.Prompt, .. pair.Chosen, Message.System("\u0000rejected"), .. pair.Rejected]);
        lock (gate)
            return seen.Add(key) ? null : PairRejection.Duplicate;
    }

    static string Text(IReadOnlyList<Message> messages) => string.Join("\n", messages.Select(m => m.Content));
}
