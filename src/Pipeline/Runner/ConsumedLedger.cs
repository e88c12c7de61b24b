using System.Text;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Runner;

/// <summary>
/// Keeps <c>&lt;stage&gt;.consumed.jsonl</c> true to <c>&lt;stage&gt;.jsonl</c>: when an output listed by a consumed
/// entry is no longer in the records file (a repair cut its torn or corrupt line), the entry is removed, so the input
/// is processed again instead of being reported done with its record lost.
/// </summary>
internal static class ConsumedLedger
{
    /// <summary>
    /// Rewrites the ledger at <paramref name="path"/> (atomically) without the entries whose outputs are not all
    /// <paramref name="written"/>; returns the ids of the inputs so queued again. Call before the ledger is opened.
    /// </summary>
    public static IReadOnlyList<string> RequeueLost(string path, Func<string, bool> written, ILogger logger)
    {
        if (!File.Exists(path))
            return [];
        var kept = new StringBuilder();
        var requeued = new List<string>();
        var unreadable = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (Read(line) is not { } entry)
            {
                unreadable++; // a torn or corrupt entry never counted as consumed anyway: its input is redone
                continue;
            }
            if (entry.Outputs is { } outputs && !outputs.All(written))
            {
                requeued.Add(entry.Id);
                continue;
            }
            kept.Append(line).Append('\n');
        }
        if (requeued.Count == 0 && unreadable == 0)
            return [];
        AtomicFile.WriteAllTextAsync(path, kept.ToString()).GetAwaiter().GetResult();
        if (requeued.Count > 0)
            logger.LogWarning("{Path}: {Count} inputs whose outputs were cut from the stage file by a repair are queued again: {Ids}",
                path, requeued.Count, string.Join(", ", requeued.Take(20)));
        return requeued;
    }

    static ConsumedRecord? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ConsumedRecord>(line, CaiJson.Options) is { Id.Length: > 0 } entry ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
