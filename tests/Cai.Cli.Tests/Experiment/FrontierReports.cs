using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Tests.Experiment;

/// <summary>Writes small eval.json files the way <c>cai eval</c> does, for the frontier tests.</summary>
internal static class FrontierReports
{
    public static EvalReport Report(double violationRate, double? kl, long seed = 1) => new()
    {
        Model = "policy",
        Reference = kl is null ? null : "base",
        Constitution = "kind-stories",
        ConstitutionHash = "abc123",
        Seed = seed,
        Prompts = 40,
        SamplesPerPrompt = 4,
        MaxTokens = 160,
        Temperature = 1.0,
        ChatFormat = "plain",
        ViolationRate = Rate(violationRate),
        Kl = kl is not { } value ? null : new KlEstimate
        {
            Policy = "policy", Reference = "base", Sequences = 160, Tokens = 16000, KlPerSequence = value, StandardError = 0.1,
            KlPerToken = value / 100,
        },
    };

    /// <summary>A report that also has a held-out violation rate and a reward-model score of its completions.</summary>
    public static EvalReport WithJudges(EvalReport report, double heldOutRate, double rewardScore, string heldOutHash = "def456") => report with
    {
        HeldOutConstitution = "kind-stories-heldout",
        HeldOutConstitutionHash = heldOutHash,
        HeldOutViolationRate = Rate(heldOutRate),
        RewardScore = new RewardScoreResult { RewardModel = "rm", Completions = 160, Mean = rewardScore, PromptStandardError = 0.05 },
    };

    static ViolationRateResult Rate(double violationRate) => new()
    {
        Model = "policy",
        Completions = 160,
        ViolationRate = violationRate,
        StandardError = Math.Sqrt(violationRate * (1 - violationRate) / 160),
        MeanViolations = violationRate,
        PerPrinciple = new Dictionary<string, double> { ["not-frightening"] = violationRate },
        Samples = [],
    };

    /// <summary>Saves <paramref name="report"/> as <c>dir/name/eval.json</c> and returns the path.</summary>
    public static string Save(string dir, string name, EvalReport report)
    {
        var path = Path.Combine(dir, name, "eval.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        EvalReportFile.SaveAsync(report, path).GetAwaiter().GetResult();
        return path;
    }
}
