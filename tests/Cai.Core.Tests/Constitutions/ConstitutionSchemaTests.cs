using System.Text.Json;
using Cai.Core.Constitutions;
using Cai.Core.Options;
using Cai.TestKit;

namespace Cai.Core.Tests.Constitutions;

/// <summary>Keeps constitutions/constitution.schema.json and the loader's accepted keys from drifting apart.</summary>
public class ConstitutionSchemaTests
{
    static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(SharedData.Repo("constitutions", "constitution.schema.json"))).RootElement;

    public static TheoryData<string, string[]> Sections => new()
    {
        { "", [.. ConstitutionKeys.Root] },
        { "defaults", [.. ConstitutionKeys.Defaults] },
        { "principle", [.. ConstitutionKeys.Principle] },
        { "lexicon_check", [.. ConstitutionKeys.LexiconCheck] },
        { "regex_check", [.. ConstitutionKeys.RegexCheck] },
        { "max_length_check", [.. ConstitutionKeys.MaxLengthCheck] },
        { "few_shot_example", [.. ConstitutionKeys.FewShotExample] },
        { "message", [.. ConstitutionKeys.Message] },
    };

    static JsonElement Section(string def) => def.Length == 0 ? Schema : Schema.GetProperty("$defs").GetProperty(def);

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_Section_ListsExactlyTheLoadersKeys(string def, string[] loaderKeys)
    {
        var schemaKeys = Section(def).GetProperty("properties").EnumerateObject().Select(p => p.Name);

        Assert.Equal(loaderKeys.Order(), schemaKeys.Order());
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_Section_ForbidsAdditionalProperties(string def, string[] loaderKeys)
    {
        Assert.NotEmpty(loaderKeys);
        Assert.False(Section(def).GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_Defs_AreAllCovered()
    {
        var defs = Schema.GetProperty("$defs").EnumerateObject().Select(p => p.Name);

        Assert.Equal(Sections.Select(row => (string)row[0]).Where(d => d.Length > 0).Order(), defs.Order());
    }

    [Fact]
    public void Schema_CheckTypes_MatchTheLoader()
    {
        var types = new[] { "lexicon_check", "regex_check", "max_length_check" }
            .Select(d => Section(d).GetProperty("properties").GetProperty("type").GetProperty("const").GetString());

        Assert.Equal(ConstitutionKeys.CheckTypes, types);
    }

    [Fact]
    public void Schema_Defaults_RepeatTheRangesTheRecordDeclares()
    {
        var properties = Section("defaults").GetProperty("properties");
        foreach (var property in typeof(ConstitutionDefaults).GetProperties().Where(p => OptionRanges.Of(p) is not null))
        {
            var schema = properties.GetProperty(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            var range = OptionRanges.Of(property)!;
            var (min, max) = OptionRanges.Numbers(range);
            double? schemaMax = schema.TryGetProperty("maximum", out var m) ? m.GetDouble() : null;

            // An exclusive lower bound (top_p's 0) is JSON Schema's exclusiveMinimum.
            Assert.Equal(min, schema.GetProperty(range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum").GetDouble());
            Assert.Equal(max == int.MaxValue ? null : max, schemaMax);
        }
    }

    [Fact]
    public void Schema_Declares202012()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
    }
}
