using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Constitutions;

/// <summary>Builds a <see cref="Constitution"/> from a YAML document, reporting every problem through the reader.</summary>
sealed partial class ConstitutionParser(YamlReader r)
{
    public Constitution? Parse(YamlNode root)
    {
        if (r.Mapping(root, "(top level)") is not { } map) return null;
        var e = r.Entries(map, "", ConstitutionKeys.Root);
        var name = r.RequiredString(e, "name", "", map);
        var version = r.String(e, "version", "");
        var description = r.String(e, "description", "") ?? "";
        var defaults = e.TryGetValue("defaults", out var d) ? ParseDefaults(d) : new ConstitutionDefaults();
        var principles = ParsePrinciples(e, map);
        var fewShot = e.TryGetValue("few_shot", out var f) ? ParseFewShot(f, principles) : [];
        if (r.Diagnostics.Count > 0 || name is null) return null;
        return new Constitution
        {
            Name = name,
            Version = string.IsNullOrWhiteSpace(version) ? "1" : version,
            Description = description,
            Defaults = defaults,
            Principles = principles,
            FewShot = fewShot,
        };
    }

    ConstitutionDefaults ParseDefaults(YamlNode node) =>
        r.Mapping(node, "defaults") is { } map ? r.Bind<ConstitutionDefaults>(map, "defaults") : new ConstitutionDefaults();

    List<Principle> ParsePrinciples(Dictionary<string, YamlNode> root, YamlMappingNode rootMap)
    {
        var principles = new List<Principle>();
        if (!root.TryGetValue("principles", out var node))
        {
            r.Error(rootMap, "", "missing required key 'principles'");
            return principles;
        }
        if (r.Sequence(node, "principles") is not { } seq) return principles;
        if (seq.Children.Count == 0) r.Error(seq, "principles", "must contain at least one principle");
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Children.Count; i++)
            if (ParsePrinciple(seq.Children[i], $"principles[{i}]", seen) is { } p)
                principles.Add(p);
        return principles;
    }

    Principle? ParsePrinciple(YamlNode node, string field, Dictionary<string, YamlNode> seen)
    {
        if (r.Mapping(node, field) is not { } map) return null;
        var e = r.Entries(map, field, ConstitutionKeys.Principle);
        var id = r.RequiredString(e, "id", field, map);
        if (id is not null && !seen.TryAdd(id, e["id"]))
            r.Error(e["id"], $"{field}.id", $"duplicate principle id '{id}', first defined at line {seen[id].Start.Line}");
        var critique = r.RequiredString(e, "critique", field, map);
        var revision = r.RequiredString(e, "revision", field, map);
        var comparison = r.RequiredString(e, "comparison", field, map);
        var weight = r.Number(e, "weight", field, 0);
        var tags = r.Strings(e, "tags", field);
        var checks = e.TryGetValue("checks", out var c) ? ParseChecks(c, $"{field}.checks", id ?? "") : [];
        if (id is null || critique is null || revision is null || comparison is null) return null;
        return new Principle
        {
            Id = id, Critique = critique, Revision = revision, Comparison = comparison,
            Weight = weight ?? 1.0, Tags = tags ?? [], Checks = checks,
        };
    }

    List<FewShotExample> ParseFewShot(YamlNode node, List<Principle> principles)
    {
        var examples = new List<FewShotExample>();
        if (r.Sequence(node, "few_shot") is not { } seq) return examples;
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var field = $"few_shot[{i}]";
            if (r.Mapping(seq.Children[i], field) is not { } map) continue;
            var e = r.Entries(map, field, ConstitutionKeys.FewShotExample);
            var messages = ParseMessages(e, field, map);
            var principleId = r.String(e, "principle_id", field);
            if (!string.IsNullOrEmpty(principleId) && principles.Count > 0 && principles.All(p => p.Id != principleId))
                r.Error(e["principle_id"], $"{field}.principle_id", $"no principle has id '{principleId}'");
            examples.Add(new FewShotExample
            {
                Messages = messages,
                PrincipleId = NullIfEmpty(principleId),
                Critique = NullIfEmpty(r.String(e, "critique", field)),
                Revision = NullIfEmpty(r.String(e, "revision", field)),
            });
        }
        return examples;
    }

    List<FewShotMessage> ParseMessages(Dictionary<string, YamlNode> e, string field, YamlMappingNode parent)
    {
        var messages = new List<FewShotMessage>();
        if (!e.TryGetValue("messages", out var node))
        {
            r.Error(parent, field, "missing required key 'messages'");
            return messages;
        }
        if (r.Sequence(node, $"{field}.messages") is not { } seq) return messages;
        if (seq.Children.Count == 0) r.Error(seq, $"{field}.messages", "must contain at least one message");
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var itemField = $"{field}.messages[{i}]";
            if (r.Mapping(seq.Children[i], itemField) is not { } map) continue;
            var m = r.Entries(map, itemField, ConstitutionKeys.Message);
            var role = r.RequiredString(m, "role", itemField, map);
            var content = r.RequiredString(m, "content", itemField, map);
            if (role is not null && !FewShotMessage.Roles.Contains(role))
                r.Error(m["role"], $"{itemField}.role", $"must be one of {string.Join(", ", FewShotMessage.Roles)}, got '{role}'");
            else if (role is not null && content is not null)
                messages.Add(new FewShotMessage(role, content));
        }
        return messages;
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
