using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class LlmSwarmImporterTests
{
    static readonly string Fixture = ConstitutionTestFiles.Path("llm-swarm-constitution.json");

    [Fact]
    public void Import_Fixture_NumbersPrinciplesAndTrimsText()
    {
        var c = LlmSwarmImporter.Import(Fixture);

        Assert.Equal("llm-swarm-constitution", c.Name);
        Assert.Equal(["principle-01", "principle-02"], c.Principles.Select(p => p.Id));
        Assert.Equal("Does the answer claim facts it cannot know? Point them out.", c.Principles[1].Critique);
        Assert.Equal("Rewrite the answer so that it is suitable for a young child.", c.Principles[0].Revision);
        Assert.All(c.Principles, p => Assert.Equal(LlmSwarmImporter.DefaultComparison, p.Comparison));
    }

    [Fact]
    public void Import_SystemChat_BecomesConversationOnlyFewShotExample()
    {
        var example = Assert.Single(LlmSwarmImporter.Import(Fixture).FewShot);

        Assert.Equal(6, example.Messages.Count);
        Assert.Equal(new FewShotMessage("assistant", "Tell him to shut up."), example.Messages[1]);
        Assert.Null(example.Critique);
    }

    [Fact]
    public void Import_SaveAndLoad_SameHash()
    {
        var imported = LlmSwarmImporter.Import(Fixture);

        var loaded = ConstitutionLoader.Parse(ConstitutionWriter.ToYaml(imported), "swarm.yaml");

        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(imported.Hash, loaded.Constitution!.Hash);
    }

    [Fact]
    public void Import_UnknownRole_ThrowsNamingTheField()
    {
        var path = ConstitutionTestFiles.Path("llm-swarm-bad-role.json");

        var ex = Assert.Throws<ConstitutionException>(() => LlmSwarmImporter.Import(path));

        Assert.Equal($"{path}: system_chat[0][0].role: must be one of system, user, assistant, got 'robot'", ex.Message);
    }
}
