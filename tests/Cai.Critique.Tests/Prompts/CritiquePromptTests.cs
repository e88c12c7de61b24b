using Cai.Core.Constitutions;
using Cai.Core.Prompts;
using Cai.Core.Records;
using Cai.TestKit.Fakes;

namespace Cai.Critique.Tests.Prompts;

public class CritiquePromptTests
{
    static Constitution WithFewShot() => FakeConstitution.WithPrinciples(2) with
    {
        FewShot =
        [
            new FewShotExample
            {
                PrincipleId = "p1",
                Messages = [new FewShotMessage("user", "Tell a story."), new FewShotMessage("assistant", "A scary story.")],
                Critique = "It is scary.",
                Revision = "A cosy story.",
            },
            new FewShotExample { Messages = [new FewShotMessage("system", "Be kind.")] },
        ],
    };

    [Fact]
    public void Render_WithFewShot_PutsExamplesThenDialogueThenRequest()
    {
        var fewShot = FewShotTurns.Render(WithFewShot());
        var prompt = CritiquePrompt.Render(fewShot, [Message.User("Write about a cat.")], "The cat hissed.", "Critique request p0.");

        Message[] expected =
        [
            Message.User("Tell a story."),
            Message.Assistant("A scary story."),
            Message.User("Critique request p1."),
            Message.Assistant("It is scary."),
            Message.User("Revision request p1."),
            Message.Assistant("A cosy story."),
            Message.System("Be kind."),
            Message.User("Write about a cat."),
            Message.Assistant("The cat hissed."),
            Message.User("Critique request p0."),
        ];
        Assert.Equal(expected, prompt);
    }

    [Fact]
    public void Render_NoFewShot_IsDialogueResponseAndRequest()
    {
        var prompt = CritiquePrompt.Render([], [Message.System("sys"), Message.User("q")], "a", "cr");
        Assert.Equal([Message.System("sys"), Message.User("q"), Message.Assistant("a"), Message.User("cr")], prompt);
    }

    [Fact]
    public void FewShotTurns_UnknownPrinciple_NamesTheExample()
    {
        var c = WithFewShot() with { FewShot = [WithFewShot().FewShot[0] with { PrincipleId = "missing" }] };
        var ex = Assert.Throws<ArgumentException>(() => FewShotTurns.Render(c));
        Assert.Contains("few_shot[0].principle_id", ex.Message);
        Assert.Contains("'missing'", ex.Message);
    }

    [Fact]
    public void RevisionPrompt_Render_AddsCritiqueTurnThenRevisionRequest()
    {
        var prompt = RevisionPrompt.Render([], [Message.User("q")], "a", "cr", "the critique", "rr");
        Assert.Equal([Message.User("q"), Message.Assistant("a"), Message.User("cr"), Message.Assistant("the critique"),
            Message.User("rr")], prompt);
    }
}
