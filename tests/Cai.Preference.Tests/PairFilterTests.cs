using Cai.Core.Records;

namespace Cai.Preference.Tests;

public class PairFilterTests
{
    static PreferencePair Pair(string chosen, string rejected, string id = "x", string prompt = "p") => new()
    {
        Id = id,
        Prompt = [Message.User(prompt)],
        Chosen = [Message.Assistant(chosen)],
        Rejected = [Message.Assistant(rejected)],
        Source = PreferenceSource.Revision,
    };

    [Theory]
    [InlineData("", "b", PairRejection.Empty)]
    [InlineData("a", "  ", PairRejection.Empty)]
    [InlineData("same ", " same", PairRejection.Identical)]
    [InlineData("this is long", "b", PairRejection.TooLong)]
    public void Check_BadPair_GivesReason(string chosen, string rejected, PairRejection expected) =>
        Assert.Equal(expected, new PairFilter(new PairFilterOptions { MaxLength = 10 }).Check(Pair(chosen, rejected)));

    [Fact]
    public void Check_GoodPair_Passes() =>
        Assert.Null(new PairFilter(new PairFilterOptions { MaxLength = 10 }).Check(Pair("kind", "mean")));

    [Fact]
    public void Check_SameContentDifferentId_IsDuplicate()
    {
        var filter = new PairFilter();
        Assert.Null(filter.Check(Pair("kind", "mean", "1")));
        Assert.Equal(PairRejection.Duplicate, filter.Check(Pair("kind", "mean", "2")));
        Assert.Null(filter.Check(Pair("mean", "kind", "3"))); // swapped roles are a different pair
        Assert.Null(filter.Check(Pair("kind", "mean", "4", prompt: "other")));
    }

    [Fact]
    public void Check_DuplicatesAllowed_Passes()
    {
        var filter = new PairFilter(new PairFilterOptions { DropDuplicates = false });
        Assert.Null(filter.Check(Pair("kind", "mean")));
        Assert.Null(filter.Check(Pair("kind", "mean")));
    }

    [Fact]
    public void Constructor_ZeroMaxChars_NamesTheOption() =>
        Assert.Contains("MaxLength", Assert.Throws<ArgumentOutOfRangeException>(() => new PairFilter(new PairFilterOptions { MaxLength = 0 })).Message);
}
