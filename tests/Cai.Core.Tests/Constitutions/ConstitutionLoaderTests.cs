using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class ConstitutionLoaderTests
{
    [Fact]
    public void Load_ValidFile_ReadsEveryField()
    {
        var result = ConstitutionLoader.Load(ConstitutionTestFiles.Path("valid.yaml"));

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var c = result.Constitution!;
        Assert.Equal(("test-constitution", "2.1", "Used by the loader and writer tests."), (c.Name, c.Version, c.Description));
        Assert.Equal(new ConstitutionDefaults { Rounds = 3, PrinciplesPerRound = 2, Temperature = 0.5, MaxTokens = 256 }, c.Defaults);
        Assert.Equal(["gentle", "honest"], c.Principles.Select(p => p.Id));
        var gentle = c.GetPrinciple("gentle");
        Assert.Equal(2.5, gentle.Weight);
        Assert.Equal(["tone", "kindness"], gentle.Tags);
        var lexicon = Assert.IsType<LexiconCheck>(gentle.Checks[0]);
        Assert.Equal(("harsh-words", 1), (lexicon.Name, lexicon.MaxHits));
        Assert.Equal(["stupid", "shut up"], lexicon.Words);
        var regex = Assert.IsType<RegexCheck>(gentle.Checks[1]);
        Assert.Equal(("gentle", "!{3,}", "m"), (regex.Name, regex.Pattern, regex.Flags));
        var length = Assert.IsType<MaxLengthCheck>(gentle.Checks[2]);
        Assert.Equal((500, 100), (length.MaxChars, length.MaxWords));
        var honest = c.GetPrinciple("honest");
        Assert.Equal("Say where the reply claims more than it knows.\nQuote each claim.\n", honest.Critique);
        Assert.Equal(1.0, honest.Weight);
        Assert.Empty(honest.Checks);
        Assert.Equal(2, c.FewShot.Count);
        Assert.Equal(("gentle", "Calling the drawing stupid is harsh."), (c.FewShot[0].PrincipleId, c.FewShot[0].Critique));
        Assert.Equal(new FewShotMessage("assistant", "No, it is stupid."), c.FewShot[0].Messages[1]);
        Assert.Null(c.FewShot[1].Revision);
    }

    [Fact]
    public void Load_MinimalFile_AppliesDefaults()
    {
        var result = ConstitutionLoader.Parse("name: n\nprinciples:\n  - {id: a, critique: c, revision: r, comparison: q}\n", "min.yaml");

        var c = Assert.IsType<Constitution>(result.Constitution);
        Assert.Equal(("1", "", 4, 1), (c.Version, c.Description, c.Defaults.Rounds, c.Defaults.PrinciplesPerRound));
        Assert.Empty(c.FewShot);
    }

    [Fact]
    public void Load_ThreeDistinctMistakes_ReportsExactlyThoseThree()
    {
        var path = ConstitutionTestFiles.Path("three-mistakes.yaml");

        var result = ConstitutionLoader.Load(path);

        Assert.False(result.IsValid);
        Assert.Null(result.Constitution);
        Assert.Equal(
        [
            $"{path}:5:5: principles[0].revison: unknown key 'revison', did you mean 'revision'?",
            $"{path}:12:13: principles[1].weight: must be a number >= 0, got '-1'",
            $"{path}:15:18: principles[1].checks[0].pattern: invalid regular expression: " +
                "Invalid pattern '(unclosed' at offset 9. Not enough )'s.",
        ], result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["principles[0].revison", "principles[1].weight", "principles[1].checks[0].pattern"],
            result.Diagnostics.Select(d => d.Field));
    }

    [Fact]
    public void Load_DuplicatePrincipleIds_PointsAtTheSecond()
    {
        var path = ConstitutionTestFiles.Path("duplicate-ids.yaml");

        var diagnostic = Assert.Single(ConstitutionLoader.Load(path).Diagnostics);

        Assert.Equal($"{path}:7:9: principles[1].id: duplicate principle id 'kind', first defined at line 3", diagnostic.ToString());
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsTheScannerMark()
    {
        var path = ConstitutionTestFiles.Path("syntax-error.yaml");

        var diagnostic = Assert.Single(ConstitutionLoader.Load(path).Diagnostics);

        Assert.Equal(
            $"{path}:4:15: YAML syntax error: While scanning a multi-line double-quoted scalar, found wrong indentation.",
            diagnostic.ToString());
    }

    [Fact]
    public void LoadOrThrow_InvalidFile_MessageListsEveryDiagnostic()
    {
        var path = ConstitutionTestFiles.Path("three-mistakes.yaml");

        var ex = Assert.Throws<ConstitutionException>(() => ConstitutionLoader.LoadOrThrow(path));

        Assert.Equal(3, ex.Diagnostics.Count);
        Assert.StartsWith($"Constitution '{path}' has 3 problem(s):", ex.Message);
        foreach (var d in ex.Diagnostics) Assert.Contains(d.ToString(), ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ReportsFileNotFound()
    {
        var diagnostic = Assert.Single(ConstitutionLoader.Load("/nonexistent/c.yaml").Diagnostics);

        Assert.Equal("/nonexistent/c.yaml:1:1: file not found", diagnostic.ToString());
    }
}
