using Cai.Train.Online;

namespace Cai.Train.Tests.Online;

/// <summary>
/// What a rollout's response is after a stop (TRL's <c>truncate_response</c>: cut after the stop token, padded after it)
/// and that the plan's sampling options reach the generator.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RolloutSamplerTests
{
    static RolloutPlan Plan(int responseLength = 24) => new(4, 1, false, responseLength, 1.0, 4, 1);

    static readonly long[] Seeds = [11, 12, 13, 14];

    [Fact]
    public void Sample_StopTokenId_ResponseEndsWithThatTokenAndIsNotCountedAsEos()
    {
        var model = Stories.Model();
        var prompts = PpoTrainerTests.Prompts(4);
        int[] free;
        using (var unstopped = new RolloutSampler(model, Stories.Tokenizer, Plan()).Sample(prompts, Seeds))
            free = unstopped.Responses[0];
        var stop = free[2]; // a token the first row samples third: with the same seed it now ends the response there
        Assert.DoesNotContain(stop, free[..2]);

        using var rollout = new RolloutSampler(model, Stories.Tokenizer, Plan() with { StopTokenId = stop }).Sample(prompts, Seeds);

        Assert.Equal(free[..3], rollout.Responses[0]);
        Assert.False(rollout.EndedWithEos[0]);
        // The response mask covers the stop token and nothing after it.
        Assert.Equal(3L, rollout.ResponseMask[0].sum().item<long>());
    }

    [Fact]
    public void Sample_EndOfTextToken_KeepsTheSampledTokenAndCountsAsEos()
    {
        var model = Stories.Model();
        var prompts = PpoTrainerTests.Prompts(16);

        // 16 stories of up to 200 tokens: stories260K's stories mostly end sooner, so some do here whatever the sampler draws.
        using var rollout = new RolloutSampler(model, Stories.Tokenizer, new RolloutPlan(16, 1, false, 200, 1.0, 16, 1))
            .Sample(prompts, [.. Enumerable.Range(0, 16).Select(i => 11L + i)]);

        // stories260K ends a story with BOS (llama2.c's separator) far more often than with EOS: whichever it sampled is kept.
        var ended = Enumerable.Range(0, rollout.Count).Where(i => rollout.EndedWithEos[i]).ToArray();
        Assert.NotEmpty(ended);
        Assert.All(ended, i => Assert.Contains(rollout.Responses[i][^1], new[] { Stories.Tokenizer.EosId, Stories.Tokenizer.BosId!.Value }));
        // A reward model trained on rows ending with EOS sees EOS in the query.
        var queries = rollout.Queries(Stories.Tokenizer.EosId);
        Assert.All(ended, i => Assert.Equal([.. rollout.Responses[i][..^1], Stories.Tokenizer.EosId], queries[i].ResponseIds));
    }

    [Fact]
    public void Sample_TopK1_IsGreedyWhateverTheSeed()
    {
        var model = Stories.Model();
        var prompt = PpoTrainerTests.Prompts(1)[0];

        using var rollout = new RolloutSampler(model, Stories.Tokenizer, Plan() with { TopK = 1 }).Sample([prompt, prompt, prompt, prompt], Seeds);

        Assert.All(rollout.Responses, r => Assert.Equal(rollout.Responses[0], r));
    }

    [Fact]
    public void For_GroupOptions_CarriesTopPAndTopK()
    {
        var plan = RolloutPlan.For(new Cai.Train.Options.GrpoOptions { TopP = 0.9, TopK = 5 }, 16);

        Assert.Equal((0.9, 5), (plan.TopP, plan.TopK));
    }
}
