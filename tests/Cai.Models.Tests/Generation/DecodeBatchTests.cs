using Cai.Models.Generation;

namespace Cai.Models.Tests.Generation;

[Collection(TorchCollection.Name)]
public class DecodeBatchTests
{
    static readonly string[] Prompts = ["Lily", "The little dog ran to the park and saw", "One day, Tom", "Once upon a time, there was"];

    static IReadOnlyList<int> Encode(string text) => Stories260K.Tokenizer.Encode(text, addBos: true);

    static DecodeBatch NewBatch() =>
        new(Stories260K.Model, Stories260K.Tokenizer, 512, TextGenerator.DefaultStopTokenIds(Stories260K.Tokenizer));

    static IReadOnlyList<GeneratedSequence> Alone(IReadOnlyList<int> prompt, GenerationOptions options, long seed) =>
        new TextGenerator(Stories260K.Model, Stories260K.Tokenizer).GenerateIds([prompt], options with { Seed = seed });

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.9, 2)]
    [InlineData(0.0, 1)]
    public void Step_RequestsJoiningAtDifferentSteps_EachGetsWhatItGetsAlone(double temperature, int n)
    {
        var options = new GenerationOptions { MaxNewTokens = 40, Temperature = temperature, TopK = 50, NumReturnSequences = n };
        var requests = Prompts.Select((p, i) => new GenerationRequest([Encode(p)], options, seed: 100 + i)).ToArray();
        int[] joinAt = [0, 3, 4, 17];
        using var batch = NewBatch();
        var left = new List<GenerationRequest>();
        for (var step = 0; left.Count < requests.Length; step++)
        {
            for (var i = 0; i < requests.Length; i++)
                if (joinAt[i] == step)
                    batch.Add(requests[i]);
            left.AddRange(batch.Step());
        }
        for (var i = 0; i < requests.Length; i++)
        {
            var alone = Alone(requests[i].Prompts[0], options, 100 + i);
            Assert.Equal(alone.Select(r => r.Ids), requests[i].Results!.Select(r => r.Ids));
            Assert.Equal(alone.Select(r => r.Text), requests[i].Results!.Select(r => r.Text));
        }
        Assert.Equal(requests.Length, left.Distinct().Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Add_RequestsJoiningTogether_ShareAPromptsPrefillAndEachGetsWhatItGetsAlone(bool alike)
    {
        // A prompt's samples come as separate requests with their own seeds (as the generate stage sends them) and
        // join in one Add: the prompt is prefilled once for all of them. With `alike` false the requests sample with
        // different settings, so each draws from its own distribution instead of the batch's shared softmax.
        var sampled = new GenerationOptions { MaxNewTokens = 30, Temperature = 1.0 };
        GenerationOptions OptionsOf(int i) => alike ? sampled : sampled with { Temperature = 0.6 + 0.2 * i, TopK = i == 2 ? 20 : 0 };
        var story = Encode(Prompts[1]);
        var requests = Enumerable.Range(0, 3).Select(i => new GenerationRequest([story], OptionsOf(i), seed: 40 + i))
            .Append(new GenerationRequest([Encode(Prompts[3])], OptionsOf(3), seed: 50))
            .ToArray();
        var overlong = new GenerationRequest([Enumerable.Repeat(story[1], 600).Prepend(1).ToArray()], sampled, seed: 1);
        using var batch = NewBatch();
        batch.Add([.. requests, overlong]);

        Assert.IsType<ArgumentException>(overlong.Error);
        Assert.Equal(requests.Length, batch.Rows);
        while (batch.Requests > 0)
            batch.Step();
        for (var i = 0; i < requests.Length; i++)
        {
            var alone = Alone(requests[i].Prompts[0], requests[i].Options, requests[i].Seed);
            Assert.Equal(alone.Select(r => r.Ids), requests[i].Results!.Select(r => r.Ids));
        }
        Assert.NotEqual(requests[0].Results![0].Ids, requests[1].Results![0].Ids); // own seeds, not one copied row
    }

    [Fact]
    public void Step_CancelledRequest_LeavesAtTheNextStepAndOthersContinueUnchanged()
    {
        var options = new GenerationOptions { MaxNewTokens = 30, Temperature = 1.0 };
        using var cancel = new CancellationTokenSource();
        var stays = new GenerationRequest([Encode(Prompts[0])], options, seed: 7);
        var cancelled = new GenerationRequest([Encode(Prompts[1])], options, seed: 8, cancel.Token);
        using var batch = NewBatch();
        batch.Add(stays);
        batch.Add(cancelled);
        batch.Step();
        batch.Step();
        cancel.Cancel();
        var left = batch.Step();

        Assert.Equal([cancelled], left);
        Assert.True(cancelled.Cancelled);
        Assert.Null(cancelled.Results);
        Assert.Equal(1, batch.Requests);
        while (batch.Requests > 0)
            batch.Step();
        Assert.Equal(Alone(stays.Prompts[0], options, 7).Single().Ids, stays.Results!.Single().Ids);
    }

    [Fact]
    public void Add_PromptLongerThanTheContext_FailsThatRequestOnly()
    {
        var options = new GenerationOptions { MaxNewTokens = 5, Temperature = 0 };
        var overlong = new GenerationRequest([Enumerable.Repeat(300, 600).Prepend(1).ToArray()], options);
        using var batch = NewBatch();
        batch.Add(overlong);

        Assert.IsType<ArgumentException>(overlong.Error);
        Assert.Contains("512-token context", overlong.Error!.Message);
        Assert.Equal(0, batch.Requests);
    }

    [Fact]
    public void TextGenerated_DeltasOfEachRow_ConcatenateToItsTextAndCoverItsTokens()
    {
        var deltas = new List<TextDelta>();
        var options = new GenerationOptions { MaxNewTokens = 40, Temperature = 1.0, NumReturnSequences = 2, ReturnLogProbs = true, StopStrings = ["."] };
        var request = new GenerationRequest([Encode("Once upon a time")], options, seed: 4) { TextGenerated = deltas.Add };
        using var batch = NewBatch();
        batch.Add(request);
        while (batch.Requests > 0)
            batch.Step();

        for (var row = 0; row < 2; row++)
        {
            var mine = deltas.Where(d => d.Row == row).ToArray();
            Assert.True(mine.Length > 1);
            Assert.Equal(request.Results![row].Text, string.Concat(mine.Select(d => d.Text)));
            Assert.Equal(request.Results[row].Ids, mine.SelectMany(d => d.Ids));
            Assert.Equal(request.Results[row].LogProbs, mine.SelectMany(d => d.LogProbs!));
        }
    }
}
