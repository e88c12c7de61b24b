using Cai.Core.Records;
using Cai.Models.Chat;
using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

[Collection(EvaluationTorchCollection.Name)]
public sealed class EvalPromptRendererTests
{
    [Fact]
    public void Render_PlainFormat_IsTheGenerationPromptTheLocalChatClientSends()
    {
        using var model = EvalFixtures.LoadModel();
        var prompt = EvalPrompt.FromRecord(new PromptRecord { Id = "p1", Messages = [Message.User("Tell a story about a cat.")] });

        var rendered = EvalPromptRenderer.Render(prompt, new PlainChatFormat(), model.Tokenizer);

        Assert.Equal("User: Tell a story about a cat.\nAssistant:", rendered.Text);
        var generationPrompt = new PlainChatFormat().Encode([ChatTurn.User("Tell a story about a cat.")], model.Tokenizer, addGenerationPrompt: true).Ids;
        Assert.Equal(generationPrompt, model.Tokenizer.Encode(rendered.Text, addBos: true));
    }

    [Fact]
    public void Render_SystemAndUserRecord_KeepsBothRoles()
    {
        using var model = EvalFixtures.LoadModel();
        var prompt = EvalPrompt.FromRecord(new PromptRecord { Id = "p2", Messages = [Message.System("Be gentle."), Message.User("A story?")] });

        var rendered = EvalPromptRenderer.Render(prompt, new PlainChatFormat(), model.Tokenizer);

        Assert.Equal("Be gentle.\nUser: A story?\nAssistant:", rendered.Text);
    }

    [Fact]
    public void Sample_WithPlainFormat_CarriesRenderedPromptAndStopsBeforeNextUserTurn()
    {
        using var model = EvalFixtures.LoadModel();
        var options = new EvalSamplingOptions { SamplesPerPrompt = 3, MaxTokens = 48, Seed = 5, ChatFormat = new PlainChatFormat() };

        var samples = CompletionSampler.Sample(model, [new EvalPrompt("p", "Tell a story about a dog.")], options);
        var raw = CompletionSampler.Sample(model, [new EvalPrompt("p", "Tell a story about a dog.")], options with { ChatFormat = null });

        Assert.All(samples, s => Assert.Equal("User: Tell a story about a dog.\nAssistant:", s.Prompt));
        Assert.All(samples, s => Assert.DoesNotContain("\nUser:", s.Text));
        Assert.All(raw, s => Assert.Equal("Tell a story about a dog.", s.Prompt));
        Assert.NotEqual(raw.Select(s => s.Text), samples.Select(s => s.Text));
    }
}
