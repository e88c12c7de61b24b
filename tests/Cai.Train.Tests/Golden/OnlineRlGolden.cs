using System.Text.Json;

namespace Cai.Train.Tests.Golden;

// Golden values computed in float64 by tools/golden/online_rl_golden.py (Python standard library only, independent of
// TorchSharp). Regenerate from the repository root with:
//     python3 tools/golden/online_rl_golden.py > tests/Cai.Train.Tests/TestData/online_rl_golden.json
public sealed record OnlineRlGolden(RlooGolden Rloo, GrpoGolden Grpo, OnlineDpoGolden OnlineDpo)
{
    private static readonly Lazy<OnlineRlGolden> Cached = new(Load);

    public static OnlineRlGolden Instance => Cached.Value;

    private static OnlineRlGolden Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "online_rl_golden.json");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<OnlineRlGolden>(File.ReadAllText(path), options)
               ?? throw new InvalidDataException($"{path} is empty");
    }
}

public sealed record RlooGolden(int NumGenerations, double[] Scores, double[][] OldPerTokenLogps, double[][] RefPerTokenLogps,
    double[][] CompletionMask, double[] SequenceKl, double Kl, RlooAdvantageCase[] AdvantageCases, RlooLossCase[] LossCases);

public sealed record RlooAdvantageCase(string Name, double Beta, bool NormalizeAdvantages, double[] Rewards, double[] Baselines,
    double[] Advantages, double Reward, double RewardStd, double FracRewardZeroStd);

public sealed record RlooLossCase(string Name, double EpsilonLow, double EpsilonHigh, double[] SequenceLogps,
    double[] OldSequenceLogps, double[] Advantages, double Loss, double ClipRatioLow, double ClipRatioHigh,
    double ClipRatioRegion);

public sealed record GrpoGolden(int NumGenerations, double[] Rewards, GrpoAdvantageCase[] AdvantageCases,
    double[][] PerTokenLogps, double[][] OldPerTokenLogps, double[][] RefPerTokenLogps, double[] Advantages,
    double[][] CompletionMask, double[][] PerTokenKl, GrpoLengths CompletionLengths, GrpoLossCase[] LossCases);

public sealed record GrpoAdvantageCase(string ScaleRewards, double[] Advantages, double Reward, double RewardStd,
    double FracRewardZeroStd);

public sealed record GrpoLengths(double Mean, double Min, double Max);

public sealed record GrpoLossCase(string Name, string LossType, double Beta, double EpsilonLow, double EpsilonHigh,
    int MaxCompletionLength, double? NumItemsInBatch, int GradientAccumulationSteps, double Loss, double? Kl,
    double ClipRatioLow, double ClipRatioHigh, double ClipRatio);

public sealed record OnlineDpoGolden(double[] SequenceLogps, double[] RefSequenceLogps, double[] Scores, bool[] ContainsEos,
    OnlineDpoCase[] Cases);

public sealed record OnlineDpoCase(string Name, string LossType, double Beta, double? MissingEosPenalty, double[] Scores,
    bool[] FirstIsChosen, long[] ChosenIndices, long[] RejectedIndices, double[] Losses, double[] ChosenRewards,
    double[] RejectedRewards);
