using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.TestKit.Fakes;

/// <summary>Small in-memory constitutions and samples for stage tests.</summary>
public static class FakeConstitution
{
    /// <summary>A principle whose requests and comparison name its id, with an optional lexicon check.</summary>
    public static Principle Principle(string id, double weight = 1.0, params string[] badWords) => new()
    {
        Id = id,
        Critique = $"Critique request {id}.",
        Revision = $"Revision request {id}.",
        Comparison = $"Which answer is better for {id}?",
        Weight = weight,
        Checks = badWords.Length == 0 ? [] : [new LexiconCheck { Name = $"{id}-words", Words = badWords }],
    };

    /// <summary>A constitution named <c>test</c> with principles p0..p(n-1) of weight 1 and no few-shot examples.</summary>
    public static Constitution WithPrinciples(int count, int rounds = 4) => new()
    {
        Name = "test",
        Principles = [.. Enumerable.Range(0, count).Select(i => Principle($"p{i}"))],
        Defaults = new ConstitutionDefaults { Rounds = rounds },
    };

    /// <summary>A sample answering one user prompt.</summary>
    public static SampleRecord Sample(string id, string prompt, string response, int sampleIndex = 0) => new()
    {
        Id = id,
        PromptId = id.Split('#')[0],
        Messages = [Message.User(prompt)],
        Response = Message.Assistant(response),
        SampleIndex = sampleIndex,
        Model = "fake:policy",
    };
}
