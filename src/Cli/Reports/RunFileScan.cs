using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cai.Cli.Reports;

/// <summary>
/// One pass over a stage's JSONL file: counts records and unreadable lines, tallies principle usage from rows with
/// <c>rounds</c>, keeps the first chains, and collects <c>label_prob</c> from rows with <c>chosen</c> and
/// <c>rejected</c>. It reads fields by name rather than through the typed records, so rows written by older or newer
/// stage code (an extra or a missing optional field) still show.
/// </summary>
internal sealed class RunFileScan
{
    readonly int maxChains;
    readonly List<ChainExample> revised = [];
    readonly List<ChainExample> unchanged = [];

    /// <summary>Creates a scan that keeps up to <paramref name="maxChains"/> chains.</summary>
    public RunFileScan(int maxChains) => this.maxChains = maxChains;

    /// <summary>Readable rows.</summary>
    public int Records { get; private set; }

    /// <summary>Lines that are not JSON objects (e.g. a torn last line).</summary>
    public int UnreadableLines { get; private set; }

    /// <summary>Rounds per principle id.</summary>
    public SortedDictionary<string, int> PrincipleUsage { get; } = new(StringComparer.Ordinal);

    /// <summary>The first chains seen, those whose final answer differs from the response first.</summary>
    public IReadOnlyList<ChainExample> Chains => [.. revised.Concat(unchanged).Take(maxChains)];

    /// <summary>Preference pairs seen.</summary>
    public int Pairs { get; private set; }

    /// <summary>The label_prob of every pair that has one.</summary>
    public List<double> LabelProbs { get; } = [];

    /// <summary>Scans <paramref name="path"/>, adding to the totals.</summary>
    public void Add(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (Parse(line) is not { } row) { UnreadableLines++; continue; }
            Records++;
            if (row["rounds"] is JsonArray rounds)
                AddChain(row, rounds);
            else if (row["chosen"] is not null && row["rejected"] is not null)
            {
                Pairs++;
                if (row["label_prob"] is JsonValue p && p.TryGetValue<double>(out var prob)) LabelProbs.Add(prob);
            }
        }
    }

    void AddChain(JsonObject row, JsonArray rounds)
    {
        var parsed = rounds.OfType<JsonObject>()
            .Select(r => new ChainRound(Text(r["principle_id"]) ?? "?", Text(r["critique"]) ?? "", Text(r["revision"])))
            .ToList();
        foreach (var round in parsed)
            PrincipleUsage[round.PrincipleId] = PrincipleUsage.GetValueOrDefault(round.PrincipleId) + 1;
        var response = Text(row["response"]?["content"]) ?? "";
        var final = Text(row["final"]?["content"]) ?? "";
        var into = final == response ? unchanged : revised;
        if (into.Count >= maxChains) return;
        var prompt = row["messages"] is JsonArray messages
            ? string.Join("\n", messages.OfType<JsonObject>().Select(m => Text(m["content"])))
            : Text(row["prompt"]) ?? "";
        into.Add(new ChainExample(Text(row["id"]) ?? "?", prompt, Text(row["model"]) ?? "", response, parsed, final));
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static JsonObject? Parse(string line)
    {
        try { return JsonNode.Parse(line) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
