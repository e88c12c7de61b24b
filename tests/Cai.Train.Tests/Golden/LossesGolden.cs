using System.Text.Json;

namespace Cai.Train.Tests.Golden;

// Golden values computed in float64 by tools/golden/losses_golden.py (Python standard library only, independent of
// TorchSharp). Regenerate from the repository root with:
//     python3 tools/golden/losses_golden.py > tests/Cai.Train.Tests/TestData/losses_golden.json
public sealed record LossesGolden(DpoGolden Dpo, KtoGolden[] Kto, RewardGolden Reward, LogProbsGolden LogProbs,
    ScheduleGolden[] Schedules)
{
    private static readonly Lazy<LossesGolden> Cached = new(Load);

    public static LossesGolden Instance => Cached.Value;

    private static LossesGolden Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "losses_golden.json");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<LossesGolden>(File.ReadAllText(path), options)
               ?? throw new InvalidDataException($"{path} is empty");
    }
}

public sealed record DpoGolden(double[] PolicyChosen, double[] PolicyRejected, double[] ReferenceChosen,
    double[] ReferenceRejected, double[] ChosenTokenCounts, double[] RejectedTokenCounts, double[] LabelProbs,
    DpoGoldenCase[] Cases);

public sealed record DpoGoldenCase(string Name, string LossType, double Beta, double LabelSmoothing, double SimpoGamma,
    bool ReferenceFree, double[] Losses, double[] ChosenRewards, double[] RejectedRewards);

public sealed record KtoGolden(string Name, double Beta, double DesirableWeight, double UndesirableWeight,
    double[] PolicyChosen, double[] PolicyRejected, double[] PolicyKl, double[] ReferenceChosen,
    double[] ReferenceRejected, double[] ReferenceKl, double[] Losses, double[] ChosenRewards,
    double[] RejectedRewards, double Kl);

public sealed record RewardGolden(double[] Chosen, double[] Rejected, double[] Margin, RewardGoldenCase[] Cases);

public sealed record RewardGoldenCase(string Name, bool UseMargin, double? CenterRewardsCoefficient, double Loss);

public sealed record LogProbsGolden(double[][][] Logits, long[][] Labels, bool[][] Mask, double[] Summed,
    double[] TokenCounts, double SftLoss);

public sealed record ScheduleGolden(string Type, double BaseLearningRate, int WarmupSteps, int TotalSteps,
    double NumCycles, int[] Steps, double[] Multipliers);
