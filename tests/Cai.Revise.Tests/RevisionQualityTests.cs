using Cai.Core.Records;

namespace Cai.Revise.Tests;

public class RevisionQualityTests
{
    [Theory]
    [InlineData("A kind story.", "")]
    [InlineData("A kind story.", "   \n")]
    public void Check_EmptyRevision_IsFlaggedEmptyOnly(string input, string revision) =>
        Assert.Equal([QualityFlag.Empty], RevisionQuality.Check(input, revision, ["Rewrite it."]));

    [Fact]
    public void Check_SameTextModuloWhitespace_IsIdentical() =>
        Assert.Equal([QualityFlag.IdenticalToInput], RevisionQuality.Check("A story. ", "\nA story.", ["Rewrite it."]));

    [Theory]
    [InlineData("Revision: Here is a kinder story.")]
    [InlineData("revision request: make it kind")]
    [InlineData("Sure. Rewrite it kindly. Here it is.")]
    public void Check_EchoedRequestOrScaffolding_IsFlagged(string revision) =>
        Assert.Equal([QualityFlag.EchoesRequest], RevisionQuality.Check("A story.", revision, ["Rewrite it kindly."]));

    [Fact]
    public void Check_GoodRevision_HasNoFlags() =>
        Assert.Empty(RevisionQuality.Check("A scary story.", "A cosy story.", ["Rewrite it kindly.", null]));
}
