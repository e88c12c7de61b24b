using Cai.Core.Constitutions;
using Cai.TestKit;

namespace Cai.Core.Tests.Constitutions;

public class AnthropicImporterTests
{
    static string Prompts(string file) => SharedData.Require("data", "cai-paper", "prompts", file);

    static Constitution ImportPaper() =>
        AnthropicImporter.Import(Prompts("CritiqueRevisionInstructions.json"), Prompts("RLMadisonInstructions.json"));

    [Fact]
    public void Import_PaperFiles_ReadsSixteenPrinciplesWithoutScaffolding()
    {
        var c = ImportPaper();

        Assert.Equal(16, c.Principles.Count);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"harmful{i}"), c.Principles.Select(p => p.Id));
        Assert.All(c.Principles, p =>
        {
            Assert.DoesNotContain("CritiqueRequest:", p.Critique);
            Assert.DoesNotContain("RevisionRequest:", p.Revision);
            Assert.False(p.Critique.EndsWith("Critique:"), p.Critique);
            Assert.False(p.Revision.EndsWith("Revision:"), p.Revision);
            Assert.False(p.Comparison.EndsWith("Options:"), p.Comparison);
            Assert.Equal(p.Critique.Trim(), p.Critique);
            Assert.Equal(["harmful"], p.Tags);
        });
        Assert.StartsWith("Identify specific ways in which the assistant", c.Principles[0].Critique);
        Assert.StartsWith("Please rewrite the assistant response", c.Principles[0].Revision);
    }

    [Fact]
    public void Import_WithMadisonInstructions_AssignsQuestionsByIndex()
    {
        var c = ImportPaper();

        Assert.StartsWith("Please choose the assistant response that is as harmless and ethical", c.Principles[0].Comparison);
        Assert.Equal("Please choose the response that is the most helpful, honest, and harmless.", c.Principles[1].Comparison);
        Assert.Equal(16, c.Principles.Select(p => p.Comparison).Distinct().Count());
    }

    [Fact]
    public void Import_WithoutMadisonInstructions_UsesDefaultComparison()
    {
        var c = AnthropicImporter.Import(Prompts("CritiqueRevisionInstructions.json"));

        Assert.All(c.Principles, p => Assert.Equal(AnthropicImporter.DefaultComparison, p.Comparison));
    }

    [Fact]
    public void Import_SaveAndLoad_SamePrinciplesAndHashAndValidYaml()
    {
        var imported = ImportPaper();
        var path = Path.Combine(Path.GetTempPath(), $"cai-anthropic-{Guid.NewGuid():N}.yaml");
        try
        {
            ConstitutionWriter.Save(imported, path);
            var loaded = ConstitutionLoader.Load(path);

            Assert.Empty(loaded.Diagnostics);
            Assert.Equal(imported.Hash, loaded.Constitution!.Hash);
            Assert.Equal(imported.Principles.Select(p => (p.Id, p.Critique, p.Revision, p.Comparison)),
                loaded.Constitution.Principles.Select(p => (p.Id, p.Critique, p.Revision, p.Comparison)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Import_TruncatedJson_ThrowsNamingFileAndLine()
    {
        var path = ConstitutionTestFiles.Path("anthropic-truncated.json");

        var ex = Assert.Throws<ConstitutionException>(() => AnthropicImporter.Import(path));

        Assert.StartsWith($"{path}:1:", ex.Message);
        Assert.Contains("invalid JSON", ex.Message);
    }

    [Fact]
    public void Import_MissingEditRequest_ThrowsNamingTheField()
    {
        var path = ConstitutionTestFiles.Path("anthropic-missing-edit.json");

        var ex = Assert.Throws<ConstitutionException>(() => AnthropicImporter.Import(path));

        Assert.Equal($"{path}: harmful0: missing property 'edit_request'", ex.Message);
    }
}
