using System.Text;
using System.Text.Json;
using Cai.Core.Storage;

namespace Cai.Train.Loop;

/// <summary>
/// Opens an append-only JSONL log whose lines carry the training <c>step</c> they belong to (<c>metrics.jsonl</c>,
/// <c>completions.jsonl</c>): a fresh run starts it empty; a resumed one keeps the lines through the checkpoint's step,
/// drops those the interrupted run wrote after it, and appends after them. The kept lines replace the file atomically
/// (<see cref="AtomicFile"/>), so a kill during that rewrite loses none of them.
/// </summary>
internal static class StepLog
{
    /// <summary>The log at <paramref name="path"/>, open for appending; <paramref name="keepThroughStep"/> null for a fresh run.</summary>
    public static StreamWriter Open(string path, int? keepThroughStep)
    {
        if (keepThroughStep is { } step && File.Exists(path))
        {
            var kept = File.ReadAllLines(path).Where(l => l.Length > 0 && StepOf(l) <= step);
            AtomicFile.WriteAllText(path, string.Concat(kept.Select(l => l + Environment.NewLine)));
        }
        else if (keepThroughStep is null && File.Exists(path))
            File.Delete(path);
        return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
    }

    static double StepOf(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
    }
}
