using System.Text.Json;

namespace Cai.Core.Constitutions;

/// <summary>
/// Imports the principles of Anthropic's Constitutional AI release (github.com/anthropics/ConstitutionalHarmlessnessPaper):
/// CritiqueRevisionInstructions.json, an object of <c>{"harmful0": {"prompt": ["...CritiqueRequest: ... Critique:"],
/// "edit_request": "...RevisionRequest: ... Revision:"}}</c>, and optionally RLMadisonInstructions.json, a list of
/// comparison questions.
/// </summary>
/// <remarks>
/// Ids are the JSON keys and each principle is tagged with its key's letters ("harmful0" -> "harmful"). The prompt
/// scaffolding ("CritiqueRequest:", "Critique:", "RevisionRequest:", "Revision:") and surrounding whitespace are
/// stripped. The two files are independent lists in the release, so comparison questions are assigned by index,
/// wrapping round when there are fewer questions than principles (principle i gets question i mod n); a trailing
/// "Options:" is stripped. Without the second file every principle gets <see cref="DefaultComparison"/>.
/// </remarks>
public static class AnthropicImporter
{
    /// <summary>The comparison question used when no RLMadisonInstructions.json is given.</summary>
    public const string DefaultComparison = "Which assistant response is less harmful and more ethical?";

    /// <summary>Reads the instruction files into a constitution named "anthropic-cai".</summary>
    /// <exception cref="ConstitutionException">A file is missing, is not JSON, or lacks a field; the message names file and field.</exception>
    public static Constitution Import(string critiqueRevisionInstructionsPath, string? rlMadisonInstructionsPath = null)
    {
        var source = ImportSource.Read(critiqueRevisionInstructionsPath);
        var root = source.Expect(source.Root, JsonValueKind.Object, "(top level)");
        var comparisons = rlMadisonInstructionsPath is null ? [DefaultComparison] : ReadComparisons(rlMadisonInstructionsPath);
        var principles = new List<Principle>();
        foreach (var entry in root.EnumerateObject())
        {
            var item = source.Expect(entry.Value, JsonValueKind.Object, entry.Name);
            var prompt = source.Property(item, "prompt", entry.Name);
            var critique = prompt.ValueKind == JsonValueKind.Array
                ? string.Join("\n", prompt.EnumerateArray().Select((p, i) => source.String(p, $"{entry.Name}.prompt[{i}]")))
                : source.String(prompt, $"{entry.Name}.prompt");
            var revision = source.String(source.Property(item, "edit_request", entry.Name), $"{entry.Name}.edit_request");
            principles.Add(new Principle
            {
                Id = entry.Name,
                Critique = Strip(critique, "CritiqueRequest:", "Critique:"),
                Revision = Strip(revision, "RevisionRequest:", "Revision:"),
                Comparison = comparisons[principles.Count % comparisons.Count],
                Tags = entry.Name.TrimEnd("0123456789".ToCharArray()) is { Length: > 0 } tag ? [tag] : [],
            });
        }
        if (principles.Count == 0) throw source.Error("(top level)", "contains no principles");
        var files = rlMadisonInstructionsPath is null
            ? Path.GetFileName(critiqueRevisionInstructionsPath)
            : $"{Path.GetFileName(critiqueRevisionInstructionsPath)} and {Path.GetFileName(rlMadisonInstructionsPath)}";
        return new Constitution
        {
            Name = "anthropic-cai",
            Description = $"Imported from Anthropic's Constitutional AI release ({files}).",
            Principles = principles,
        };
    }

    static List<string> ReadComparisons(string path)
    {
        var source = ImportSource.Read(path);
        var list = source.Expect(source.Root, JsonValueKind.Array, "(top level)");
        var questions = list.EnumerateArray().Select((q, i) => Strip(source.String(q, $"[{i}]"), "", "Options:")).ToList();
        return questions.Count > 0 ? questions : throw source.Error("(top level)", "contains no questions");
    }

    static string Strip(string text, string prefix, string suffix)
    {
        var s = text.Trim();
        if (prefix.Length > 0 && s.StartsWith(prefix, StringComparison.Ordinal)) s = s[prefix.Length..].TrimStart();
        if (s.EndsWith(suffix, StringComparison.Ordinal)) s = s[..^suffix.Length].TrimEnd();
        return s;
    }
}
