using Cai.Models.Chat;
using Cai.Train.Data;

namespace Cai.Train.Tests.Data;

public sealed class HhRlhfTranscriptTests
{
    [Fact]
    public void SplitPair_MultiTurn_SharedTurnsArePromptAndLastAssistantTurnsDiffer()
    {
        var (prompt, chosen, rejected) = HhRlhfTranscript.SplitPair(
            "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: How do I bake bread?\n\nAssistant: Mix flour and water.",
            "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: How do I bake bread?\n\nAssistant: No.");

        Assert.Equal([ChatTurn.User("Hi"), ChatTurn.Assistant("Hello!"), ChatTurn.User("How do I bake bread?")], prompt);
        Assert.Equal(ChatTurn.Assistant("Mix flour and water."), chosen);
        Assert.Equal(ChatTurn.Assistant("No."), rejected);
    }

    [Fact]
    public void SplitPair_DifferentEarlierTurns_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => HhRlhfTranscript.SplitPair(
            "\n\nHuman: A\n\nAssistant: B\n\nHuman: C\n\nAssistant: D",
            "\n\nHuman: A\n\nAssistant: X\n\nHuman: C\n\nAssistant: E"));

        Assert.Contains("differ before their last Assistant turn", error.Message);
    }

    [Fact]
    public void Parse_NotStartingWithHuman_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => HhRlhfTranscript.Parse("Assistant: hi"));
}
