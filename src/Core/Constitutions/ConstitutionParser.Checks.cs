using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Constitutions;

/// <summary>The machine-check facet of the parser: lexicon, regex and max_length checks.</summary>
sealed partial class ConstitutionParser
{
    List<PrincipleCheck> ParseChecks(YamlNode node, string field, string principleId)
    {
        var checks = new List<PrincipleCheck>();
        if (r.Sequence(node, field) is not { } seq) return checks;
        for (var i = 0; i < seq.Children.Count; i++)
            if (ParseCheck(seq.Children[i], $"{field}[{i}]", principleId) is { } check)
                checks.Add(check);
        return checks;
    }

    PrincipleCheck? ParseCheck(YamlNode node, string field, string principleId)
    {
        if (r.Mapping(node, field) is not { } map) return null;
        var typeNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "type" }).Value;
        if (typeNode is null)
        {
            r.Error(map, field, $"missing required key 'type' (one of {string.Join(", ", ConstitutionKeys.CheckTypes)})");
            return null;
        }
        var type = r.Scalar(typeNode, $"{field}.type");
        var keys = type switch
        {
            "lexicon" => ConstitutionKeys.LexiconCheck,
            "regex" => ConstitutionKeys.RegexCheck,
            "max_length" => ConstitutionKeys.MaxLengthCheck,
            _ => null,
        };
        if (keys is null)
        {
            if (type is null) return null;
            var hint = KeySuggester.Suggest(type, ConstitutionKeys.CheckTypes) is { } s ? $", did you mean '{s}'?" : "";
            r.Error(typeNode, $"{field}.type", $"unknown check type '{type}', expected one of {string.Join(", ", ConstitutionKeys.CheckTypes)}{hint}");
            return null;
        }
        var e = r.Entries(map, field, keys);
        var name = r.String(e, "name", field) is { Length: > 0 } n ? n : principleId;
        return type switch
        {
            "lexicon" => ParseLexicon(e, field, map, name),
            "regex" => ParseRegex(e, field, map, name),
            _ => ParseMaxLength(e, field, map, name),
        };
    }

    LexiconCheck? ParseLexicon(Dictionary<string, YamlNode> e, string field, YamlMappingNode map, string name)
    {
        var maxHits = r.Integer(e, "max_hits", field, 0);
        if (!e.ContainsKey("words"))
        {
            r.Error(map, field, "missing required key 'words'");
            return null;
        }
        var words = r.Strings(e, "words", field);
        if (words is { Count: 0 } && e["words"] is YamlSequenceNode { Children.Count: 0 })
            r.Error(e["words"], $"{field}.words", "must contain at least one word");
        return words is { Count: > 0 } ? new LexiconCheck { Name = name, Words = words, MaxHits = maxHits ?? 0 } : null;
    }

    RegexCheck? ParseRegex(Dictionary<string, YamlNode> e, string field, YamlMappingNode map, string name)
    {
        var pattern = r.RequiredString(e, "pattern", field, map);
        var flags = r.String(e, "flags", field) ?? "";
        if (flags.FirstOrDefault(f => !RegexCheck.AllowedFlags.Contains(f)) is var bad and not '\0')
        {
            r.Error(e["flags"], $"{field}.flags", $"unknown flag '{bad}', allowed: {RegexCheck.AllowedFlags}");
            return null;
        }
        if (pattern is null) return null;
        try
        {
            RegexCheck.Compile(pattern, flags);
        }
        catch (ArgumentException ex)
        {
            r.Error(e["pattern"], $"{field}.pattern", $"invalid regular expression: {ex.Message}");
            return null;
        }
        return new RegexCheck { Name = name, Pattern = pattern, Flags = flags };
    }

    MaxLengthCheck? ParseMaxLength(Dictionary<string, YamlNode> e, string field, YamlMappingNode map, string name)
    {
        var chars = r.Integer(e, "max_chars", field, 1);
        var words = r.Integer(e, "max_words", field, 1);
        if (!e.ContainsKey("max_chars") && !e.ContainsKey("max_words"))
        {
            r.Error(map, field, "needs 'max_chars' or 'max_words'");
            return null;
        }
        return chars is null && words is null ? null : new MaxLengthCheck { Name = name, MaxChars = chars, MaxWords = words };
    }
}
