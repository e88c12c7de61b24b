using Cai.Core.Records;
using Cai.TestKit.Fakes;

namespace Cai.Critique.Tests;

public class ModelCriticTests
{
    [Fact]
    public async Task CritiqueAsync_ModelAnswers_SendsRenderedPromptAndRecordsAnswer()
    {
        var client = new FakeChatClient("  The answer is rude.  ");
        var constitution = FakeConstitution.WithPrinciples(2);
        var critic = new ModelCritic(client, "fake:critic", constitution);

        var result = await critic.CritiqueAsync([Message.User("Hi")], "Go away.", constitution.Principles[1], CancellationToken.None);

        Assert.Equal(new Cai.Core.Judging.CritiqueResult("p1", "Critique request p1.", "The answer is rude.", true), result);
        var call = Assert.Single(client.Calls);
        Assert.Equal(["user:Hi", "assistant:Go away.", "user:Critique request p1."],
            call.Messages.Select(m => $"{m.Role}:{m.Text}"));
    }

    [Fact]
    public async Task CritiqueAsync_EmptyAnswer_ThrowsInvalidData()
    {
        var critic = new ModelCritic(new FakeChatClient(" "), "fake:critic", FakeConstitution.WithPrinciples(1));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            critic.CritiqueAsync([Message.User("Hi")], "x", FakeConstitution.Principle("p0"), CancellationToken.None));
        Assert.Contains("'p0'", ex.Message);
    }
}
