using Cai.Models.Generation;

namespace Cai.Models.Tests.Generation;

[Collection(TorchCollection.Name)]
public class TextGeneratorTests
{
    static readonly GenerationOptions Greedy = new() { Temperature = 0, MaxNewTokens = 24 };
    static TextGenerator NewGenerator() => new(Stories260K.Model, Stories260K.Tokenizer);

    [Fact]
    public void GenerateIds_GreedyFromBos_MatchesGolden64Ids()
    {
        var result = NewGenerator().GenerateIds([[1]], Greedy with { MaxNewTokens = 64 }).Single();
        Assert.Equal(Stories260K.GoldenGreedyIds, result.Ids);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.StartsWith("Once upon a time, there was a little girl named Lily.", result.Text);
    }

    [Fact]
    public void GenerateIds_WithoutCache_GivesSameIdsAsWithCache()
    {
        var prompts = new[] { "Once upon a time", "Tom had a red" };
        var cached = NewGenerator().Generate(prompts, Greedy);
        var uncached = NewGenerator().Generate(prompts, Greedy with { UseCache = false });
        Assert.Equal(cached.Select(r => r.Ids), uncached.Select(r => r.Ids));
    }

    [Fact]
    public void Generate_BatchOfDifferentLengths_EqualsOneByOne()
    {
        var prompts = new[] { "Lily", "The little dog ran to the park and saw", "One day, Tom" };
        var batched = NewGenerator().Generate(prompts, Greedy);
        for (var i = 0; i < prompts.Length; i++)
        {
            var single = NewGenerator().Generate([prompts[i]], Greedy).Single();
            Assert.Equal(single.Ids, batched[i].Ids);
            Assert.Equal(single.Text, batched[i].Text);
            Assert.Equal(i, batched[i].PromptIndex);
        }
    }

    [Fact]
    public void Generate_SameSeed_SameTextAndDifferentSeed_DifferentText()
    {
        var options = new GenerationOptions { Temperature = 1.0, MaxNewTokens = 24, Seed = 7 };
        var first = NewGenerator().Generate(["Once upon a time"], options).Single().Text;
        var again = NewGenerator().Generate(["Once upon a time"], options).Single().Text;
        var other = NewGenerator().Generate(["Once upon a time"], options with { Seed = 8 }).Single().Text;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_NumReturnSequences_SamplesDifferPerRow()
    {
        var options = new GenerationOptions { MaxNewTokens = 16, NumReturnSequences = 3, Seed = 1 };
        var results = NewGenerator().Generate(["Once upon a time"], options);
        Assert.Equal([0, 1, 2], results.Select(r => r.SampleIndex));
        Assert.True(results.Select(r => r.Text).Distinct().Count() > 1);
    }

    [Fact]
    public void Generate_StopString_TrimsTextAndReportsStop()
    {
        var unstopped = NewGenerator().GenerateIds([[1]], Greedy with { MaxNewTokens = 40 }).Single().Text;
        Assert.Contains("Lily", unstopped);
        var result = NewGenerator().GenerateIds([[1]], Greedy with { MaxNewTokens = 40, StopStrings = ["Lily"] }).Single();
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(unstopped[..unstopped.IndexOf("Lily", StringComparison.Ordinal)], result.Text);
        Assert.True(result.Ids.Count < 40);
    }

    [Fact]
    public void Generate_StopTokenId_EndsBeforeThatToken()
    {
        var stopId = Stories260K.GoldenGreedyIds[5];
        var result = NewGenerator().GenerateIds([[1]], Greedy with { StopTokenIds = [stopId] }).Single();
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(Stories260K.GoldenGreedyIds[..5], result.Ids);
    }

    [Fact]
    public void Generate_LogProbs_AreGreedyMaximaAndTopAlternativesSorted()
    {
        var result = NewGenerator().GenerateIds([[1]], Greedy with { MaxNewTokens = 5, ReturnLogProbs = true, TopLogProbs = 3 }).Single();
        Assert.Equal(5, result.LogProbs!.Count);
        Assert.Equal(5, result.TopLogProbs!.Count);
        for (var i = 0; i < 5; i++)
        {
            var top = result.TopLogProbs[i];
            Assert.Equal(result.Ids[i], top[0].Id);
            Assert.Equal(result.LogProbs[i], top[0].LogProb, 1e-6);
            Assert.True(top[0].LogProb >= top[1].LogProb && top[1].LogProb >= top[2].LogProb);
            Assert.True(top[0].LogProb < 0);
        }
        Assert.Equal(" Once", result.TopLogProbs[0][0].Token);
    }

    [Fact]
    public void Generate_InvalidOption_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            NewGenerator().Generate(["x"], new GenerationOptions { TopP = 0 }));
        Assert.Contains("TopP", ex.Message);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(0, 0.01)]
    public void Generate_TopKOneOrTinyTopP_SamplesTheGreedyTokens(int topK, double topP)
    {
        var options = new GenerationOptions { Temperature = 1.5, TopK = topK, TopP = topP, MaxNewTokens = 12, Seed = 3 };
        var sampled = NewGenerator().GenerateIds([[1]], options).Single();
        Assert.Equal(Stories260K.GoldenGreedyIds[..12], sampled.Ids);
    }

    [Fact]
    public void Generate_PromptNearContextLimit_StopsAtLengthWithinContext()
    {
        var prompt = new[] { 1 }.Concat(Enumerable.Repeat(Stories260K.GoldenGreedyIds, 8).SelectMany(x => x)).Take(509).ToArray();
        var result = NewGenerator().GenerateIds([prompt], Greedy with { MaxNewTokens = 10 }).Single();
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(3, result.Ids.Count);
    }

    [Fact]
    public void Generate_BatchWithStopString_EachRowStopsAsItWouldAlone()
    {
        var prompts = new[] { "", "The dog", "Tom and Lily" };
        var options = Greedy with { MaxNewTokens = 20, StopStrings = ["girl", "."] };
        var batched = NewGenerator().Generate(prompts, options);
        Assert.Contains(batched, r => r.FinishReason == FinishReason.Stop);
        for (var i = 0; i < prompts.Length; i++)
        {
            var single = NewGenerator().Generate([prompts[i]], options).Single();
            Assert.Equal(single.Ids, batched[i].Ids);
            Assert.Equal((single.Text, single.FinishReason), (batched[i].Text, batched[i].FinishReason));
            Assert.DoesNotContain("girl", batched[i].Text);
            Assert.DoesNotContain(".", batched[i].Text);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void GenerateIds_PerPromptSeeds_EachPromptSamplesAsItWouldAlone(int n)
    {
        // Sampled, prompts of different lengths: with a seed per prompt, the batch gives every prompt the tokens it
        // draws alone with that seed (stories260K's logits match to the bit in and out of a batch on this CPU).
        var tokenizer = Stories260K.Tokenizer;
        var prompts = new[] { "Lily", "The little dog ran to the park and saw", "One day, Tom", "Once upon a time, there was" }
            .Select(p => (IReadOnlyList<int>)tokenizer.Encode(p, addBos: true)).ToArray();
        long[] seeds = [11, 22, 33, 44];
        var options = new GenerationOptions { MaxNewTokens = 40, Temperature = 1.0, TopP = 0.95, NumReturnSequences = n };

        var batched = NewGenerator().GenerateIds(prompts, options, seeds);

        Assert.Equal(4 * n, batched.Count);
        for (var i = 0; i < prompts.Length; i++)
        {
            var alone = NewGenerator().GenerateIds([prompts[i]], options with { Seed = seeds[i] });
            for (var k = 0; k < n; k++)
            {
                Assert.Equal(alone[k].Ids, batched[n * i + k].Ids);
                Assert.Equal((i, k), (batched[n * i + k].PromptIndex, batched[n * i + k].SampleIndex));
            }
        }
        Assert.Equal(4 * n, batched.Select(b => string.Join(',', b.Ids)).Distinct().Count());
    }

    [Fact]
    public void GenerateIds_SeedCountDiffersFromPrompts_Throws() =>
        Assert.Throws<ArgumentException>(() => NewGenerator().GenerateIds([[1], [1]], new GenerationOptions(), [1]));

    [Fact]
    public void GenerateIds_Llama2cModel_StopsAtBosAsRunCDoes()
    {
        // TinyStories models end a story by emitting BOS and starting the next one; run.c stops there.
        var options = Greedy with { MaxNewTokens = 400 };
        var stopped = NewGenerator().GenerateIds([[1]], options).Single();
        var eosOnly = new TextGenerator(Stories260K.Model, Stories260K.Tokenizer, [Stories260K.Tokenizer.EosId])
            .GenerateIds([[1]], options).Single();
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.DoesNotContain(1, stopped.Ids);
        Assert.True(eosOnly.Ids.Count > stopped.Ids.Count);
        Assert.Equal(stopped.Ids, eosOnly.Ids.Take(stopped.Ids.Count));
        Assert.Equal(1, eosOnly.Ids[stopped.Ids.Count]);
    }

    [Fact]
    public void DefaultStopTokenIds_Llama2cHasBosAndEos_OthersEosOnly()
    {
        Assert.Equal([2, 1], TextGenerator.DefaultStopTokenIds(Stories260K.Tokenizer));
        Assert.Equal([1], TextGenerator.DefaultStopTokenIds(new FakeCharTokenizer()));
    }
}
