using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class ConstitutionWriterTests
{
    static Constitution LoadValid() => ConstitutionLoader.LoadOrThrow(ConstitutionTestFiles.Path("valid.yaml"));

    [Fact]
    public void ToYaml_LoadedFile_LoadsBackWithSameContentAndHash()
    {
        var original = LoadValid();

        var reloaded = ConstitutionLoader.Parse(ConstitutionWriter.ToYaml(original), "written.yaml");

        Assert.True(reloaded.IsValid, string.Join("\n", reloaded.Diagnostics));
        Assert.Equal(ConstitutionHash.Canonical(original), ConstitutionHash.Canonical(reloaded.Constitution!));
        Assert.Equal(original.Hash, reloaded.Constitution!.Hash);
    }

    [Fact]
    public void ToYaml_SamplingDefaults_RoundTripWithTheSameHash()
    {
        var original = LoadValid() with { Defaults = new ConstitutionDefaults { Rounds = 2, Temperature = 0.7, TopP = 0.9, TopK = 40, MaxTokens = 96 } };

        var reloaded = ConstitutionLoader.Parse(ConstitutionWriter.ToYaml(original), "written.yaml").Constitution!;

        Assert.Equal(original.Defaults, reloaded.Defaults);
        Assert.Equal(original.Hash, reloaded.Hash);
    }

    [Fact]
    public void ToYaml_AnyConstitution_StartsWithSchemaCommentAndUsesBlockScalarsForLongText()
    {
        var longText = string.Join(' ', Enumerable.Repeat("Rewrite the story gently.", 8));
        var constitution = LoadValid() with
        {
            Principles = [LoadValid().Principles[0] with { Revision = longText }],
        };

        var yaml = ConstitutionWriter.ToYaml(constitution);

        Assert.StartsWith(ConstitutionWriter.SchemaComment + "\n", yaml);
        Assert.Contains("revision: >-\n", yaml);
        Assert.DoesNotContain("...", yaml);
        Assert.Equal(longText, ConstitutionLoader.Parse(yaml, "w.yaml").Constitution!.Principles[0].Revision);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1.0")]
    [InlineData("null")]
    [InlineData("# not a comment")]
    [InlineData("key: value")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("line one\nline two\n\n")]
    [InlineData("ends with spaces   \nand more")]
    public void ToYaml_AwkwardStrings_RoundTripExactly(string text)
    {
        var principle = new Principle { Id = "p", Critique = text, Revision = "r", Comparison = text };
        var constitution = new Constitution { Name = "awkward", Version = text, Principles = [principle] };

        var reloaded = ConstitutionLoader.Parse(ConstitutionWriter.ToYaml(constitution), "w.yaml");

        Assert.True(reloaded.IsValid, string.Join("\n", reloaded.Diagnostics));
        Assert.Equal(constitution.Hash, reloaded.Constitution!.Hash);
    }

    [Fact]
    public void Save_ThenLoad_SameHash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cai-writer-{Guid.NewGuid():N}.yaml");
        try
        {
            var original = LoadValid();
            ConstitutionWriter.Save(original, path);

            Assert.Equal(original.Hash, ConstitutionLoader.LoadOrThrow(path).Hash);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
