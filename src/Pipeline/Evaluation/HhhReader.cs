using Cai.Core.Storage;

namespace Cai.Pipeline.Evaluation;

/// <summary>Reads 438HHHEvaluations.jsonl (or any file of <see cref="HhhComparison"/> lines).</summary>
public static class HhhReader
{
    /// <summary>Reads the first <paramref name="limit"/> comparisons (all when null), in file order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is bad; the message names file, line and field.</exception>
    public static IReadOnlyList<HhhComparison> Read(string path, int? limit = null)
    {
        if (limit is < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The HHH limit must be at least 1.");
        var items = new List<HhhComparison>();
        foreach (var line in JsonlReader.Read<HhhComparison>(path, d => throw new InvalidDataException(d.ToString())))
        {
            items.Add(line.Record);
            if (items.Count == limit)
                break;
        }
        if (items.Count == 0)
            throw new InvalidDataException($"{path}: no comparisons in the file.");
        return items;
    }
}
