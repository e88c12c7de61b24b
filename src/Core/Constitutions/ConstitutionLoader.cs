using Cai.Core.Yaml;
using YamlDotNet.Core;

namespace Cai.Core.Constitutions;

/// <summary>
/// Loads and validates constitution YAML files. Every problem is reported at once, each with the file, line and
/// column of the offending node and the field path (see constitutions/constitution.schema.json for the format).
/// </summary>
public static class ConstitutionLoader
{
    /// <summary>Loads the file at <paramref name="path"/>; never throws for bad content.</summary>
    public static ConstitutionLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            return new ConstitutionLoadResult(null, [new YamlDiagnostic(path, 1, 1, "file not found")]);
        var reader = new YamlReader(path);
        return reader.ReadFile() is { } text ? Parse(text, reader) : new ConstitutionLoadResult(null, reader.Diagnostics);
    }

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    /// <exception cref="ConstitutionException">The file is missing or invalid; the message lists every diagnostic.</exception>
    public static Constitution LoadOrThrow(string path)
    {
        var result = Load(path);
        return result.IsValid ? result.Constitution! : throw new ConstitutionException(path, result.Diagnostics);
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ConstitutionLoadResult Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Parse(yaml, new YamlReader(file));
    }

    static ConstitutionLoadResult Parse(string yaml, YamlReader reader)
    {
        if (reader.Load(yaml) is not { } stream)
            return new ConstitutionLoadResult(null, reader.Diagnostics);
        if (stream.Documents.Count != 1)
        {
            var message = stream.Documents.Count == 0 ? "file is empty" : "expected one YAML document, found " + stream.Documents.Count;
            reader.Error(new Mark(0, 1, 1), "", message);
            return new ConstitutionLoadResult(null, reader.Diagnostics);
        }
        var constitution = new ConstitutionParser(reader).Parse(stream.Documents[0].RootNode);
        return new ConstitutionLoadResult(reader.Diagnostics.Count == 0 ? constitution : null, reader.Diagnostics);
    }
}
