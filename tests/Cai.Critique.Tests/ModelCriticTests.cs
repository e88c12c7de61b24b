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

    [Theory]
    [InlineData(true, 5)]
    [InlineData(false, 3)]
    public async Task CritiqueAsync_FewShotOff_SendsOnlyTheConversationAndRequest(bool fewShot, int messages)
    {
        var client = new FakeChatClient("c");
        var constitution = FakeConstitution.WithPrinciples(1) with
        {
            FewShot = [new Cai.Core.Constitutions.FewShotExample { Messages = [new("user", "Example."), new("assistant", "Answer.")] }],
        };

        await new ModelCritic(client, "m", constitution, fewShot: fewShot)
            .CritiqueAsync([Message.User("Hi")], "x", constitution.Principles[0], CancellationToken.None);

        var sent = Assert.Single(client.Calls).Messages;
        Assert.Equal(messages, sent.Count);
        Assert.Equal(fewShot, sent.Any(m => m.Text == "Example."));
    }

    [Fact]
    public async Task CritiqueAsync_EmptyAnswer_ThrowsInvalidData()
    {
        var critic = new ModelCritic(new FakeChatClient(" "), "fake:critic", FakeConstitution.WithPrinciples(1));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            critic.CritiqueAsync([Message.User("Hi")], "x", FakeConstitution.Principle("p0"), CancellationToken.None));
        Assert.Contains("'p0'", ex.Message);
    }

    [Fact]
    public async Task CritiqueAsync_NoOptions_SendsConstitutionSamplingDefaults()
    {
        var client = new FakeChatClient("c");
        var constitution = FakeConstitution.WithPrinciples(1) with
        {
            Defaults = new Cai.Core.Constitutions.ConstitutionDefaults { Temperature = 0.5, MaxTokens = 64 },
        };
        await new ModelCritic(client, "m", constitution).CritiqueAsync([Message.User("Hi")], "x", constitution.Principles[0], CancellationToken.None);
        await new ModelCritic(client, "m", constitution, new Microsoft.Extensions.AI.ChatOptions { Temperature = 0 })
            .CritiqueAsync([Message.User("Hi")], "x", constitution.Principles[0], CancellationToken.None);

        Assert.Equal(0.5f, client.Calls[0].Options!.Temperature);
        Assert.Equal(64, client.Calls[0].Options!.MaxOutputTokens);
        Assert.Equal(0f, client.Calls[1].Options!.Temperature);
        Assert.Null(client.Calls[1].Options!.MaxOutputTokens);
    }
}
