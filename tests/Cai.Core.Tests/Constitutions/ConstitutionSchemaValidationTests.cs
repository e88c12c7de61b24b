using System.Text.Json;
using Cai.Core.Constitutions;
using Cai.TestKit;
using Json.Schema;

namespace Cai.Core.Tests.Constitutions;

/// <summary>Validates YAML against constitutions/constitution.schema.json with a real JSON Schema 2020-12 validator.</summary>
public class ConstitutionSchemaValidationTests
{
    static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(SharedData.Repo("constitutions", "constitution.schema.json")));

    static EvaluationResults Evaluate(string yaml)
    {
        var json = JsonSerializer.SerializeToElement(YamlJson.Convert(yaml));
        return Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Theory]
    [InlineData("harmless.yaml")]
    [InlineData("helpful-honest.yaml")]
    [InlineData("kind-stories.yaml")]
    public void Evaluate_ShippedFile_IsValid(string file)
    {
        var results = Evaluate(File.ReadAllText(SharedData.Repo("constitutions", file)));

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public void Evaluate_LoaderFixtureUsingEveryFeature_IsValid()
    {
        var results = Evaluate(File.ReadAllText(ConstitutionTestFiles.Path("valid.yaml")));

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public void Evaluate_WriterOutputOfImportedConstitution_IsValid()
    {
        var imported = LlmSwarmImporter.Import(ConstitutionTestFiles.Path("llm-swarm-constitution.json"));

        var results = Evaluate(ConstitutionWriter.ToYaml(imported));

        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("three-mistakes.yaml")]
    [InlineData("syntax-free-unknown-check.yaml")]
    public void Evaluate_FileTheLoaderRejects_IsInvalidToo(string file)
    {
        Assert.False(Evaluate(File.ReadAllText(ConstitutionTestFiles.Path(file))).IsValid);
    }
}
