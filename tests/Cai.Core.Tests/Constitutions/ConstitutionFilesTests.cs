using Cai.Core.Constitutions;
using Cai.TestKit;

namespace Cai.Core.Tests.Constitutions;

/// <summary>The constitutions shipped in the repository's constitutions/ folder.</summary>
public class ConstitutionFilesTests
{
    static Constitution Load(string file) => ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", file));

    [Theory]
    [InlineData("harmless.yaml", 12, 16)]
    [InlineData("helpful-honest.yaml", 8, 10)]
    [InlineData("kind-stories.yaml", 8, 16)]
    public void Load_ShippedFile_HasNoDiagnosticsAndExpectedSize(string file, int min, int max)
    {
        var result = ConstitutionLoader.Load(SharedData.Repo("constitutions", file));

        Assert.Empty(result.Diagnostics);
        Assert.InRange(result.Constitution!.Principles.Count, min, max);
    }

    [Theory]
    [InlineData("harmless.yaml")]
    [InlineData("helpful-honest.yaml")]
    [InlineData("kind-stories.yaml")]
    public void ShippedFile_StartsWithSchemaCommentAndRoundTrips(string file)
    {
        var path = SharedData.Repo("constitutions", file);
        var constitution = Load(file);

        Assert.StartsWith(ConstitutionWriter.SchemaComment, File.ReadAllText(path));
        Assert.Equal(constitution.Hash, ConstitutionLoader.Parse(ConstitutionWriter.ToYaml(constitution), file).Constitution!.Hash);
    }

    [Theory]
    [InlineData("harmless.yaml")]
    [InlineData("helpful-honest.yaml")]
    [InlineData("kind-stories.yaml")]
    public void ShippedFile_ComparisonsAreQuestions(string file)
    {
        Assert.All(Load(file).Principles, p => Assert.EndsWith("?", p.Comparison.Trim()));
    }

    [Fact]
    public void KindStories_ViolentSentence_IsFlaggedByTheViolenceLexicon()
    {
        var story = "Tom was angry, so he hit Sam and they started to fight until Sam was hurt.";

        var evaluation = Load("kind-stories.yaml").GetPrinciple("no-violence").Evaluate(story);

        Assert.True(evaluation.Violated);
        Assert.Equal("lexicon 'violence' matched: hit, fight, hurt", evaluation.Findings);
    }

    [Fact]
    public void KindStories_GentleStory_PassesEveryPrinciple()
    {
        var story = "Lily and her puppy Max played in the garden. They found a pretty red flower. " +
                    "Lily gave the flower to her mom, and her mom smiled and gave her a big hug. They were happy.";

        var violated = Load("kind-stories.yaml").Principles.Select(p => p.Evaluate(story)).Where(e => e.Violated);

        Assert.Empty(violated.Select(e => e.Findings));
    }

    [Fact]
    public void KindStories_FrighteningStory_IsFlagged()
    {
        var story = "In the dark forest a monster growled, and the children screamed.";

        var evaluation = Load("kind-stories.yaml").GetPrinciple("not-frightening").Evaluate(story);

        Assert.Equal("lexicon 'scary-words' matched: dark, monster, growled, screamed", evaluation.Findings);
    }

    [Fact]
    public void KindStories_MostPrinciples_HaveMachineChecks()
    {
        var principles = Load("kind-stories.yaml").Principles;

        Assert.True(principles.Count(p => p.Checks.Count > 0) * 2 > principles.Count);
        Assert.Contains(principles.SelectMany(p => p.Checks), c => c is MaxLengthCheck);
    }
}
