namespace Cai.Core.Constitutions;

/// <summary>
/// The YAML keys the loader accepts, per kind of mapping. The JSON schema (constitutions/constitution.schema.json)
/// must list exactly these; a test compares the two.
/// </summary>
public static class ConstitutionKeys
{
    /// <summary>Keys of the top-level mapping.</summary>
    public static IReadOnlyList<string> Root { get; } = ["name", "version", "description", "defaults", "principles", "few_shot"];

    /// <summary>Keys of <c>defaults</c>: the properties of <see cref="ConstitutionDefaults"/>, which it binds onto.</summary>
    public static IReadOnlyList<string> Defaults { get; } = Yaml.YamlReader.Keys(typeof(ConstitutionDefaults));

    /// <summary>Keys of a principle.</summary>
    public static IReadOnlyList<string> Principle { get; } = ["id", "critique", "revision", "comparison", "weight", "tags", "checks"];

    /// <summary>Keys of a lexicon check.</summary>
    public static IReadOnlyList<string> LexiconCheck { get; } = ["type", "name", "words", "max_hits"];

    /// <summary>Keys of a regex check.</summary>
    public static IReadOnlyList<string> RegexCheck { get; } = ["type", "name", "pattern", "flags"];

    /// <summary>Keys of a max_length check.</summary>
    public static IReadOnlyList<string> MaxLengthCheck { get; } = ["type", "name", "max_chars", "max_words"];

    /// <summary>Keys of a few-shot example.</summary>
    public static IReadOnlyList<string> FewShotExample { get; } = ["messages", "principle_id", "critique", "revision"];

    /// <summary>Keys of a few-shot message.</summary>
    public static IReadOnlyList<string> Message { get; } = ["role", "content"];

    /// <summary>The check types, as written in <c>type</c>.</summary>
    public static IReadOnlyList<string> CheckTypes { get; } = ["lexicon", "regex", "max_length"];
}
