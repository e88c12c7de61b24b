using Cai.Core.Constitutions;
using Cai.TestKit;
using Cai.Train.Models;
using Cai.Train.Online;
using Cai.Train.Online.Rewards;
using TorchSharp;

namespace Cai.Train.Tests.Online;

[Collection(TorchCollection.Name)]
public sealed class RewardSourceTests
{
    static RewardQuery Query(string response, int[]? responseIds = null) =>
        new("p", [Cai.Core.Records.Message.User("Tell a story.")], response, [1, 10, 11], responseIds ?? [5, 2]);

    [Fact]
    public async Task WordCount_CountsWholeWordsIgnoringCase()
    {
        var scores = await new WordCountRewardSource("cat").ScoreAsync([Query("The cat saw a Cat. Cats and a bobcat! cat"), Query("no")]);

        Assert.Equal([3.0, 0.0], scores);
    }

    [Fact]
    public async Task Rules_ScoreMinusThePrinciplesViolated()
    {
        var constitution = ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", "kind-stories.yaml"));
        var rules = new RulesRewardSource(constitution);

        var scores = await rules.ScoreAsync([Query("Lily shared her toy and smiled."), Query("Tom hit Ben and they had a fight.")]);

        Assert.Equal(0.0, scores[0]);
        Assert.True(scores[1] <= -1, $"violent story scored {scores[1]}");
    }

    [Fact]
    public async Task Weighted_SumsTheSources()
    {
        var weighted = new WeightedRewardSource([(new WordCountRewardSource("cat"), 2.0), (new WordCountRewardSource("dog"), -0.5)]);

        var scores = await weighted.ScoreAsync([Query("cat dog dog"), Query("cat cat")]);

        Assert.Equal([1.0, 4.0], scores);
    }

    [Fact]
    public async Task Normalized_FittedOnASample_GivesItMeanZeroStdOne()
    {
        var raw = new[] { 1.0, 3.0, 4.0, 8.0 };
        var (gain, bias) = NormalizedRewardSource.Fit(raw);
        var source = new NormalizedRewardSource(new WordCountRewardSource("x"), gain, bias);

        var normalized = raw.Select(r => gain * r + bias).ToArray();
        var scored = await source.ScoreAsync([Query("x x x")]);

        Assert.Equal(0.0, normalized.Average(), 12);
        Assert.Equal(1.0, Math.Sqrt(normalized.Sum(v => v * v) / (normalized.Length - 1)), 12);
        Assert.Equal(gain * 3 + bias, scored[0], 12);
    }

    [Fact]
    public async Task RewardModel_ScoresTheLastRealTokenOfPromptPlusResponse()
    {
        var dir = Stories.TempDir();
        var model = new RewardModel(Stories.Model());
        using (torch.no_grad())
            model.parameters().Last().fill_(0.01f); // a non-zero head so that scores depend on the tokens
        model.Save(dir, Stories.TokenizerPath);
        var source = RewardModelSource.Load(dir, batchSize: 2);

        var batch = new[] { Query("a", [5, 2]), Query("b", [6, 7, 8, 2]), Query("c", [9]) };
        var scores = await source.ScoreAsync(batch);
        var alone = await source.ScoreAsync([batch[1]]);

        Assert.Equal(3, scores.Count);
        Assert.Equal(alone[0], scores[1], 4); // padding in a batch does not change a row's score
        Assert.NotEqual(scores[0], scores[1]);
    }
}
