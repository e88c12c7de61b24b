using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

/// <summary>One validator rule per case; each asserts the exact formatted diagnostics.</summary>
public class ConstitutionValidationTests
{
    const string Head = "name: v\nprinciples:\n";

    static string[] Diagnose(string yaml) =>
        [.. ConstitutionLoader.Parse(yaml, "c.yaml").Diagnostics.Select(d => d.ToString())];

    [Fact]
    public void Parse_MissingRequiredFields_ReportsEachAtThePrinciple()
    {
        var yaml = Head + "  - id: a\n    critique: c\n";

        Assert.Equal(
        [
            "c.yaml:3:5: principles[0]: missing required key 'revision'",
            "c.yaml:3:5: principles[0]: missing required key 'comparison'",
        ], Diagnose(yaml));
    }

    [Fact]
    public void Parse_EmptyRequiredField_ReportsTheValue()
    {
        var yaml = Head + "  - {id: a, critique: \"  \", revision: r, comparison: q}\n";

        Assert.Equal(["c.yaml:3:23: principles[0].critique: must not be empty"], Diagnose(yaml));
    }

    [Fact]
    public void Parse_NonNumericWeight_ReportsTheValue()
    {
        var yaml = Head + "  - {id: a, critique: c, revision: r, comparison: q, weight: heavy}\n";

        Assert.Equal(["c.yaml:3:62: principles[0].weight: must be a number >= 0, got 'heavy'"], Diagnose(yaml));
    }

    [Fact]
    public void Parse_EmptyPrincipleList_Reported()
    {
        Assert.Equal(["c.yaml:2:13: principles: must contain at least one principle"], Diagnose(Head.TrimEnd() + " []\n"));
    }

    [Fact]
    public void Parse_MissingNameAndPrinciples_ReportsBoth()
    {
        Assert.Equal(
        [
            "c.yaml:1:1: missing required key 'name'",
            "c.yaml:1:1: missing required key 'principles'",
        ], Diagnose("version: 1\n"));
    }

    [Fact]
    public void Parse_WrongTypes_NameExpectedAndActual()
    {
        var yaml = "name: [a, b]\nprinciples: {id: a}\ndefaults: 4\n";

        Assert.Equal(
        [
            "c.yaml:1:7: name: expected a scalar value, got a list",
            "c.yaml:3:11: defaults: expected a mapping, got '4'",
            "c.yaml:2:13: principles: expected a list, got a mapping",
        ], Diagnose(yaml));
    }

    [Fact]
    public void Parse_UnknownKeyFarFromAnyKnown_ListsTheKnownKeys()
    {
        var yaml = "name: v\nauthor: me\nprinciples:\n  - {id: a, critique: c, revision: r, comparison: q}\n";

        Assert.Equal(
            ["c.yaml:2:1: author: unknown key 'author'; expected one of: name, version, description, defaults, principles, few_shot"],
            Diagnose(yaml));
    }

    [Fact]
    public void Parse_BadChecks_ReportsTypeFlagsAndLimits()
    {
        var yaml = Head + """
              - id: a
                critique: c
                revision: r
                comparison: q
                checks:
                  - type: lexcon
                    words: [x]
                  - {type: regex, pattern: x, flags: iq}
                  - {type: max_length}
                  - {type: lexicon, words: [], max_hits: -1}
                  - words: [x]
            """;

        Assert.Equal(
        [
            "c.yaml:8:15: principles[0].checks[0].type: unknown check type 'lexcon', expected one of lexicon, regex, max_length, did you mean 'lexicon'?",
            "c.yaml:10:42: principles[0].checks[1].flags: unknown flag 'q', allowed: imsxn",
            "c.yaml:11:9: principles[0].checks[2]: needs 'max_chars' or 'max_words'",
            "c.yaml:12:46: principles[0].checks[3].max_hits: must be an integer >= 0, got '-1'",
            "c.yaml:12:32: principles[0].checks[3].words: must contain at least one word",
            "c.yaml:13:9: principles[0].checks[4]: missing required key 'type' (one of lexicon, regex, max_length)",
        ], Diagnose(yaml));
    }

    [Fact]
    public void Parse_FewShotProblems_Reported()
    {
        var yaml = Head + "  - {id: a, critique: c, revision: r, comparison: q}\n" + """
            few_shot:
              - principle_id: b
                messages:
                  - {role: robot, content: hi}
              - critique: no messages
            """;

        Assert.Equal(
        [
            "c.yaml:7:16: few_shot[0].messages[0].role: must be one of system, user, assistant, got 'robot'",
            "c.yaml:5:19: few_shot[0].principle_id: no principle has id 'b'",
            "c.yaml:8:5: few_shot[1]: missing required key 'messages'",
        ], Diagnose(yaml));
    }

    [Fact]
    public void Parse_InvalidDefaults_Reported()
    {
        var yaml = Head + "  - {id: a, critique: c, revision: r, comparison: q}\ndefaults: {rounds: 0, temperature: \"0.7\", max_token: 9}\n";

        Assert.Equal(
        [
            "c.yaml:4:43: defaults.max_token: unknown key 'max_token', did you mean 'max_tokens'?",
            "c.yaml:4:20: defaults.rounds: must be an integer in [1, 16], got '0'",
            "c.yaml:4:36: defaults.temperature: must be a number in [0, 100], got '0.7'",
        ], Diagnose(yaml));
    }

    [Fact]
    public void Parse_DuplicateYamlKey_ReportedAsSyntaxError()
    {
        var yaml = "name: a\nname: b\nprinciples:\n  - {id: a, critique: c, revision: r, comparison: q}\n";

        var diagnostic = Assert.Single(Diagnose(yaml));

        Assert.StartsWith("c.yaml:2:1: YAML syntax error: ", diagnostic);
        Assert.Contains("name", diagnostic);
    }

    [Fact]
    public void Parse_EmptyFile_Reported()
    {
        Assert.Equal(["c.yaml:1:1: file is empty"], Diagnose("# only a comment\n"));
    }
}
