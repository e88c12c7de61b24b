using Cai.Core.Constitutions;
using Cai.Core.Records;
using Cai.TestKit;

namespace Cai.Critique.Tests;

public class RulesCriticTests
{
    static readonly Constitution KindStories = ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", "kind-stories.yaml"));
    static readonly IReadOnlyList<Message> Prompt = [Message.User("Tell me a bedtime story.")];

    [Fact]
    public async Task CritiqueAsync_ScaryStory_NamesWhatMatchedAndAsksForRevision()
    {
        var result = await new RulesCritic().CritiqueAsync(Prompt, "A monster came and Tom screamed.",
            KindStories.GetPrinciple("not-frightening"), CancellationToken.None);

        Assert.True(result.RevisionNeeded);
        Assert.Equal("not-frightening", result.PrincipleId);
        Assert.Equal(KindStories.GetPrinciple("not-frightening").Critique, result.Request);
        Assert.Equal("The checks for 'not-frightening' found problems:\nlexicon 'scary-words' matched: monster, screamed", result.Critique);
    }

    [Fact]
    public async Task CritiqueAsync_KindStory_FindsNothing()
    {
        var result = await new RulesCritic().CritiqueAsync(Prompt, "Lily shared her apple with a friendly bird.",
            KindStories.GetPrinciple("no-violence"), CancellationToken.None);

        Assert.False(result.RevisionNeeded);
        Assert.Equal(RulesCritic.NothingFound, result.Critique);
    }

    [Fact]
    public async Task CritiqueAsync_PrincipleWithoutChecks_NeverAsksForRevision()
    {
        var result = await new RulesCritic().CritiqueAsync(Prompt, "A monster hit Tom.",
            KindStories.GetPrinciple("gentle-resolution"), CancellationToken.None);

        Assert.False(result.RevisionNeeded);
        Assert.StartsWith(RulesCritic.NothingFound, result.Critique);
    }

    [Fact]
    public async Task CritiqueAsync_ShoutingRegex_QuotesTheMatch()
    {
        var result = await new RulesCritic().CritiqueAsync(Prompt, "STOP that now!!",
            KindStories.GetPrinciple("calm-tone"), CancellationToken.None);

        Assert.True(result.RevisionNeeded);
        Assert.Contains("regex 'shouting' matched: \"STOP\", \"!!\"", result.Critique);
    }
}
