using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Commands;

/// <summary>
/// Reads the eval.json files of one frontier and checks that they are comparable: the same constitution, prompts,
/// samples per prompt, token budget, temperature, seed and chat format, so every point measures the same thing; and
/// writes what a plot of them (<c>cai eval frontier</c>, <c>cai eval overoptimization</c>) puts out.
/// </summary>
internal static class EvalFrontierSet
{
    /// <summary>The points of <paramref name="paths"/>, labelled by <paramref name="labels"/> in order (the file's
    /// folder name where a label is missing); with <paramref name="heldOut"/> the y values are the held-out
    /// constitution's violation rates, which must then come from the same held-out constitution.</summary>
    /// <exception cref="InvalidDataException">A file is unreadable or has no violation rate, or two files disagree on a
    /// sampling setting; the message names the files and the field.</exception>
    public static IReadOnlyList<EvalFrontierPoint> Read(IReadOnlyList<string> paths, IReadOnlyList<string> labels, bool heldOut = false)
    {
        if (paths.Count == 0)
            throw new InvalidDataException("no eval.json files given.");
        if (labels.Count > paths.Count)
            throw new InvalidDataException($"{labels.Count} labels for {paths.Count} eval.json files.");
        return [.. Reports(paths, heldOut).Select((r, i) =>
            EvalFrontierPoint.FromReport(r, i < labels.Count ? labels[i] : DefaultLabel(paths[i]), paths[i], heldOut))];
    }

    /// <summary>The reports of <paramref name="paths"/>, checked to be evaluated alike; with <paramref name="heldOut"/>
    /// also by the same held-out constitution (without it, a report's held-out judge does not matter).</summary>
    /// <exception cref="InvalidDataException">A file is unreadable, or two files disagree on a sampling setting.</exception>
    public static IReadOnlyList<EvalReport> Reports(IReadOnlyList<string> paths, bool heldOut = false)
    {
        var reports = paths.Select(Load).ToList();
        foreach (var (field, value) in heldOut ? [.. Settings, HeldOutSetting] : Settings)
        {
            var first = value(reports[0]);
            for (var i = 1; i < reports.Count; i++)
                if (!Equals(first, value(reports[i])))
                    throw new InvalidDataException(
                        $"{paths[i]}: field '{field}' is {value(reports[i]) ?? "null"} but {paths[0]} has {first ?? "null"}; frontier points must be evaluated alike.");
        }
        return reports;
    }

    static readonly (string Field, Func<EvalReport, object?> Value)[] Settings =
    [
        ("constitution_hash", r => r.ConstitutionHash),
        ("prompts", r => r.Prompts),
        ("samples_per_prompt", r => r.SamplesPerPrompt),
        ("max_tokens", r => r.MaxTokens),
        ("temperature", r => r.Temperature),
        ("top_p", r => r.TopP),
        ("top_k", r => r.TopK),
        ("seed", r => r.Seed),
        ("chat_format", r => r.ChatFormat),
    ];

    static readonly (string Field, Func<EvalReport, object?> Value) HeldOutSetting = ("held_out_constitution_hash", r => r.HeldOutConstitutionHash);

    static EvalReport Load(string path) =>
        File.Exists(path) ? EvalReportFile.Load(path) : throw new InvalidDataException($"{path}: file not found.");

    /// <summary>A point's label when none is given: the report's folder name.</summary>
    public static string DefaultLabel(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } folder ? folder : Path.GetFileNameWithoutExtension(path);

    /// <summary>
    /// Saves a plot with <paramref name="save"/> to <paramref name="path"/> (creating its folder), then prints its points
    /// as a table (<paramref name="header"/>, then <paramref name="rows"/>) and where the plot went.
    /// </summary>
    public static void WritePlot(TextWriter output, string path, Action<string> save, string header, IEnumerable<string> rows)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            Directory.CreateDirectory(folder);
        save(path);
        output.WriteLine(header);
        foreach (var row in rows)
            output.WriteLine(row);
        output.WriteLine($"wrote {path}");
    }
}
