namespace Cai.Revise;

/// <summary>
/// Flags revisions that make poor training targets: empty, identical to the text they revise, or echoing the
/// request (the revision request repeated, or <c>Revision:</c>-style scaffolding from few-shot prompts).
/// </summary>
public static class RevisionQuality
{
    static readonly string[] Scaffolding = ["Revision:", "RevisionRequest:", "Revision request:"];

    /// <summary>The flags of <paramref name="revision"/> made from <paramref name="input"/> under <paramref name="requests"/>.</summary>
    public static IReadOnlyList<QualityFlag> Check(string input, string revision, IEnumerable<string?> requests)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(revision);
        var flags = new List<QualityFlag>();
        var text = revision.Trim();
        if (text.Length == 0)
            return [QualityFlag.Empty];
        if (text == input.Trim())
            flags.Add(QualityFlag.IdenticalToInput);
        if (Scaffolding.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            || requests.Any(r => !string.IsNullOrWhiteSpace(r) && text.Contains(r.Trim(), StringComparison.OrdinalIgnoreCase)))
            flags.Add(QualityFlag.EchoesRequest);
        return flags;
    }
}
