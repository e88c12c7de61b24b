using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class LexiconCheckTests
{
    static LexiconCheck Scary(int maxHits = 0) =>
        new() { Name = "scary-words", Words = ["monster", "dark", "scream*", "bad dream"], MaxHits = maxHits };

    [Fact]
    public void Evaluate_MatchingWords_ViolatesAndNamesDistinctMatchesInOrder()
    {
        var result = Scary().Evaluate("A Monster lived in the DARK cave. The monster was big.");

        Assert.True(result.Violated);
        Assert.Equal("lexicon 'scary-words' matched: monster, dark", result.Finding);
    }

    [Fact]
    public void Evaluate_WordInsideLongerWord_DoesNotMatch()
    {
        var result = Scary().Evaluate("The monsters' darkroom had monstera plants.");

        Assert.False(result.Violated);
        Assert.Equal("lexicon 'scary-words' matched nothing", result.Finding);
    }

    [Fact]
    public void Evaluate_TrailingWildcard_MatchesWordEndings()
    {
        var result = Scary().Evaluate("She screamed, then kept screaming.");

        Assert.Equal("lexicon 'scary-words' matched: screamed, screaming", result.Finding);
    }

    [Fact]
    public void Evaluate_PhraseAcrossLineBreak_Matches()
    {
        Assert.True(Scary().Evaluate("He had a bad\n  dream.").Violated);
    }

    [Fact]
    public void Evaluate_HitsWithinMaxHits_PassesButReportsThem()
    {
        var result = Scary(maxHits: 2).Evaluate("It was dark. Very dark.");

        Assert.False(result.Violated);
        Assert.Equal("lexicon 'scary-words' matched: dark (2 hits, max 2)", result.Finding);
    }

    [Fact]
    public void Evaluate_HitsAboveMaxHits_Violates()
    {
        Assert.True(Scary(maxHits: 2).Evaluate("dark, dark, dark").Violated);
    }

    [Fact]
    public void Evaluate_NoUsableWords_MatchesNothing()
    {
        var check = new LexiconCheck { Name = "empty", Words = ["", " ", "*"] };

        Assert.False(check.Evaluate("anything at all").Violated);
    }
}
