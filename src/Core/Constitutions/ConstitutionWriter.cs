using System.Globalization;
using Cai.Core.Storage;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Constitutions;

/// <summary>
/// Writes a constitution as clean YAML in the loader's format: snake_case keys, defaults omitted, long or
/// multi-line text as block scalars. The output loads back to a constitution with the same <see cref="Constitution.Hash"/>.
/// </summary>
public static class ConstitutionWriter
{
    /// <summary>The first line of every written file: points YAML editors at the schema beside it.</summary>
    public const string SchemaComment = "# yaml-language-server: $schema=./constitution.schema.json";

    const int BlockThreshold = 80;
    const int LineWidth = 110;

    /// <summary>The constitution as YAML text, starting with <see cref="SchemaComment"/>.</summary>
    public static string ToYaml(Constitution constitution)
    {
        ArgumentNullException.ThrowIfNull(constitution);
        var root = new YamlMappingNode();
        root.Add("name", Text(constitution.Name));
        root.Add("version", Text(constitution.Version));
        if (constitution.Description.Length > 0) root.Add("description", Text(constitution.Description));
        if (constitution.Defaults != new ConstitutionDefaults()) root.Add("defaults", Defaults(constitution.Defaults));
        root.Add("principles", new YamlSequenceNode(constitution.Principles.Select(Principle)));
        if (constitution.FewShot.Count > 0) root.Add("few_shot", new YamlSequenceNode(constitution.FewShot.Select(Example)));

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.WriteLine(SchemaComment);
        var settings = EmitterSettings.Default.WithBestWidth(LineWidth).WithIndentedSequences();
        new YamlStream(new YamlDocument(root)).Save(new Emitter(writer, settings), assignAnchors: false);
        var yaml = writer.ToString();
        // YamlStream ends every document with an explicit "..." marker; a single-document file does not need it.
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    /// <summary>Writes <see cref="ToYaml"/> to <paramref name="path"/> as UTF-8, atomically (<see cref="AtomicFile"/>).</summary>
    public static void Save(Constitution constitution, string path) => AtomicFile.WriteAllText(path, ToYaml(constitution));

    static YamlMappingNode Defaults(ConstitutionDefaults d)
    {
        var map = new YamlMappingNode { { "rounds", Number(d.Rounds) }, { "principles_per_round", Number(d.PrinciplesPerRound) } };
        if (d.Temperature is { } t) map.Add("temperature", Number(t));
        if (d.TopP is { } p) map.Add("top_p", Number(p));
        if (d.TopK is { } k) map.Add("top_k", Number(k));
        if (d.MaxTokens is { } m) map.Add("max_tokens", Number(m));
        return map;
    }

    static YamlMappingNode Principle(Principle p)
    {
        var map = new YamlMappingNode
        {
            { "id", Text(p.Id) }, { "critique", Text(p.Critique) }, { "revision", Text(p.Revision) },
            { "comparison", Text(p.Comparison) },
        };
        if (p.Weight != 1.0) map.Add("weight", Number(p.Weight));
        if (p.Tags.Count > 0) map.Add("tags", Flow(p.Tags));
        if (p.Checks.Count > 0) map.Add("checks", new YamlSequenceNode(p.Checks.Select(Check)));
        return map;
    }

    static YamlMappingNode Check(PrincipleCheck check)
    {
        var map = new YamlMappingNode { { "type", Text(check.Type) }, { "name", Text(check.Name) } };
        switch (check)
        {
            case LexiconCheck l:
                map.Add("words", Flow(l.Words));
                if (l.MaxHits != 0) map.Add("max_hits", Number(l.MaxHits));
                break;
            case RegexCheck r:
                map.Add("pattern", Text(r.Pattern));
                if (r.Flags.Length > 0) map.Add("flags", Text(r.Flags));
                break;
            case MaxLengthCheck m:
                if (m.MaxChars is { } c) map.Add("max_chars", Number(c));
                if (m.MaxWords is { } w) map.Add("max_words", Number(w));
                break;
        }
        return map;
    }

    static YamlMappingNode Example(FewShotExample e)
    {
        var messages = e.Messages.Select(m => new YamlMappingNode { { "role", Text(m.Role) }, { "content", Text(m.Content) } });
        var map = new YamlMappingNode { { "messages", new YamlSequenceNode(messages) } };
        if (e.PrincipleId is { } id) map.Add("principle_id", Text(id));
        if (e.Critique is { } c) map.Add("critique", Text(c));
        if (e.Revision is { } r) map.Add("revision", Text(r));
        return map;
    }

    static YamlSequenceNode Flow(IEnumerable<string> values) =>
        new(values.Select(Text)) { Style = SequenceStyle.Flow };

    // Plain style is only a preference: the emitter falls back to quoting when plain would change the meaning
    // (e.g. "yes", "1.0", leading '#'), and from block styles when the text cannot be a block scalar.
    static YamlScalarNode Text(string value)
    {
        var style = value.Contains('\n') ? ScalarStyle.Literal
            : value.Length > BlockThreshold ? ScalarStyle.Folded
            : LooksLikeNonString(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        return new YamlScalarNode(value) { Style = style };
    }

    static bool LooksLikeNonString(string value) =>
        value.Length == 0 || value is "~" || string.Equals(value, "null", StringComparison.OrdinalIgnoreCase) ||
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off";

    static YamlScalarNode Number(double value) =>
        new(value.ToString("R", CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };
}
