using System.Text.Json;

namespace Cai.Train.Tests.Golden;

// Golden values computed in float64 by tools/golden/ppo_golden.py (Python standard library only, independent of
// TorchSharp). Regenerate from the repository root with:
//     python3 tools/golden/ppo_golden.py > tests/Cai.Train.Tests/TestData/ppo_golden.json
public sealed record PpoGolden(int[] Lengths, double[][] Logprobs, double[][] RefLogprobs, double[][] NewLogprobs,
    double[] Scores, double[][] Values, double[][] Vpred, double[][] K1, double[][] K3, double KlCoef, double[][] Rewards,
    double[][] NonScoreReward, PpoGaeGolden[] Gae, double MaskedMean, double MaskedVar, double MaskedVarBiased,
    double[][] Whitened, double[][] WhitenedNoShift, PpoPolicyGolden[] Policy, PpoValueGolden[] Value, AdaptiveKlGolden AdaptiveKl)
{
    private static readonly Lazy<PpoGolden> Cached = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "ppo_golden.json");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<PpoGolden>(File.ReadAllText(path), options) ?? throw new InvalidDataException($"{path} is empty");
    });

    public static PpoGolden Instance => Cached.Value;
}

public sealed record PpoGaeGolden(double Gamma, double Lam, double[][] Advantages, double[][] Returns);

public sealed record PpoPolicyGolden(double Cliprange, double Loss, double ClipFraction, double ApproxKl, double Ratio);

public sealed record PpoValueGolden(double CliprangeValue, double Loss, double ClipFraction);

public sealed record AdaptiveKlGolden(double Init, double Target, double Horizon, int NSteps, double[] Observations, double[] Values);
