using Cai.Cli.Composition;
using Cai.Cli.Progress;
using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Models.Generation;
using Cai.Pipeline.Evaluation;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

internal static partial class EvalCommand
{
    static async Task<int> RunAsync(CliContext context, TimeProvider time, EvalOptions o, ParseResult parse, CancellationToken cancellationToken)
    {
        var sampling = o.Sampling.Apply(parse, new EvalSamplingOptions()) with { ChatFormat = ParseChatFormat(parse.GetValue(o.ChatFormat)!) };
        Require(parse.GetValue(o.HhhLimit) is null or >= 1, "--hhh-limit must be at least 1");
        var judgeSpec = ParseJudge(parse.GetValue(o.Judge)!);
        var constitution = parse.GetValue(o.ConstitutionFile) is { } file ? ConstitutionCommand.LoadValid(file) : null;
        var heldOut = parse.GetValue(o.HeldOutConstitution) is { } heldOutFile ? ConstitutionCommand.LoadValid(heldOutFile) : null;
        var rewardModel = parse.GetValue(o.RewardModel);
        Require(heldOut is null || constitution is not null, "--heldout-constitution needs --constitution (it judges the same completions a second time)");
        Require(rewardModel is null || sampling.ChatFormat is not null,
            "--reward-model needs --chat-format (the format the reward model was trained in; raw text has no answer turn)");
        Require(rewardModel is null || Directory.Exists(rewardModel), $"--reward-model: folder '{rewardModel}' not found");
        Require(parse.GetValue(o.Compare) is null || judgeSpec is not null || constitution is not null,
            "--judge rules needs --constitution (the rules judge counts its checks' violations)");
        var prompts = parse.GetValue(o.Prompts) is { } promptFile ? ReadPrompts(promptFile) : EvalPrompt.DefaultStoryPrompts;
        // Every prompt is sampled k times for the judges of one set of completions (violation rates, reward model), for
        // the KL and for each side of the win rate.
        var sampled = prompts.Count * sampling.SamplesPerPrompt
            * ((constitution is null && rewardModel is null ? 0 : 1) + (parse.GetValue(o.Reference) is null ? 0 : 1) + (parse.GetValue(o.Compare) is null ? 0 : 2));
        var interactive = RunProgress.IsInteractive && !context.Quiet && sampled > 0;
        if (interactive)
            context.LeaveConsoleToProgress(); // log lines written under Spectre's live display stall it
        var log = context.LoggerFactory.CreateLogger("cai.eval");
        var progress = new EvalProgress(sampled, ProgressInterval, time, interactive ? null : line => log.LogInformation("{Progress}", line));
        sampling = sampling with { Sampled = progress.Add };

        var modelPath = parse.GetValue(o.Model)!;
        context.UseTorchThreads();
        using var model = LocalModel.Load(modelPath);
        var resolved = new GenerationOptions().With(sampling);
        var report = new EvalReport
        {
            Model = modelPath,
            Reference = parse.GetValue(o.Reference),
            Compare = parse.GetValue(o.Compare),
            Constitution = constitution?.Name,
            ConstitutionHash = constitution?.Hash,
            HeldOutConstitution = heldOut?.Name,
            HeldOutConstitutionHash = heldOut?.Hash,
            Judge = parse.GetValue(o.Compare) is null ? null : judgeSpec?.ToString() ?? "rules",
            Seed = sampling.Seed,
            Prompts = prompts.Count,
            SamplesPerPrompt = sampling.SamplesPerPrompt,
            // The settings the completions were sampled with, resolved as the sampler resolves them.
            MaxTokens = resolved.MaxNewTokens,
            Temperature = resolved.Temperature,
            TopP = sampling.TopP,
            TopK = sampling.TopK,
            ChatFormat = sampling.ChatFormat?.Name,
        };
        report = interactive ? await progress.ShowAsync(Measure) : await Measure();

        report = report with { CreatedAt = time.GetUtcNow() };
        var outPath = parse.GetValue(o.Out)!;
        await EvalReportFile.SaveAsync(report, outPath, cancellationToken);
        context.Output.Write(EvalReportTable.Format(report));
        context.Output.WriteLine($"wrote {outPath}");
        return ExitCodes.Success;

        async Task<EvalReport> Measure()
        {
            if (constitution is not null || rewardModel is not null)
            {
                // One set of completions for every judge of them: the training judge, the held-out one, the reward model.
                log.LogInformation("sampling {Model} on {Prompts} prompts x {Samples}", model.Id, prompts.Count, sampling.SamplesPerPrompt);
                var completions = CompletionSampler.Sample(model, prompts, sampling);
                if (constitution is not null)
                    report = report with { ViolationRate = new ViolationRateMetric(constitution).Score(model.Id, completions) };
                if (heldOut is not null)
                    report = report with { HeldOutViolationRate = new ViolationRateMetric(heldOut).Score(model.Id, completions) };
                if (rewardModel is not null)
                {
                    log.LogInformation("reward-model score of the completions by {RewardModel}", rewardModel);
                    var scorer = new EvalRewardScorer(rewardModel, sampling.ChatFormat!, model.Tokenizer);
                    report = report with { RewardScore = await scorer.ScoreAsync(prompts, completions, cancellationToken) };
                }
            }
            if (report.Reference is { } referencePath)
            {
                log.LogInformation("KL of {Model} from {Reference}", model.Id, referencePath);
                using var reference = LocalModel.Load(referencePath);
                report = report with { Kl = new KlDivergenceMetric(model, reference).Estimate(prompts, sampling) };
            }
            // A model judge answers the win-rate comparisons and the HHH questions; load it only when one is asked.
            var judgeNeeded = report.Compare is not null || parse.GetValue(o.Hhh) is not null;
            using var judgeModel = judgeNeeded && judgeSpec is { Provider: ModelProvider.Local } ? LocalModel.Load(judgeSpec.Model) : null;
            using var judgeClient = judgeNeeded && judgeSpec is { Provider: not ModelProvider.Local }
                ? new ChatClientFactory(Environment.GetEnvironmentVariable, context.LoggerFactory).Create(judgeSpec,
                    new ModelOptions { ApiKeyEnvironmentVariable = parse.GetValue(o.JudgeApiKeyEnv), AllowInsecure = parse.GetValue(o.JudgeAllowInsecure) })
                : null;
            IChoiceScorer? judgeScorer = judgeModel is not null ? new LocalModelChoiceScorer(judgeModel)
                : judgeClient is not null ? new ChatClientChoiceScorer(judgeClient, judgeSpec!.ToString()) : null;
            if (report.Compare is { } comparePath)
            {
                log.LogInformation("win rate of {Model} against {Compare}", model.Id, comparePath);
                using var other = LocalModel.Load(comparePath);
                IPairwiseJudge judge = judgeScorer is null
                    ? new RulesPairwiseJudge(constitution!)
                    : new ChoicePairwiseJudge(judgeScorer, IPairwiseJudge.DefaultQuestion);
                report = report with { WinRate = await new WinRateMetric(judge).EvaluateAsync(model, other, prompts, sampling, cancellationToken) };
            }
            if (parse.GetValue(o.Hhh) is { } hhhPath)
            {
                var items = ReadHhh(hhhPath, parse.GetValue(o.HhhLimit));
                log.LogInformation("HHH accuracy on {Count} comparisons", items.Count);
                var scorer = judgeScorer ?? new LocalModelChoiceScorer(model);
                report = report with { Hhh = await new MultipleChoiceAccuracyMetric(scorer).EvaluateAsync(items, cancellationToken) };
            }
            if (parse.GetValue(o.RewardRun) is { } rewardRun)
                report = report with { RewardAccuracy = RewardAccuracyReader.Read(rewardRun) };
            return report;
        }
    }

    /// <summary>Least time between two progress lines when output is redirected.</summary>
    static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    static IChatFormat? ParseChatFormat(string name)
    {
        if (name.Trim().Equals("raw", StringComparison.OrdinalIgnoreCase))
            return null;
        try { return ChatFormats.ByName(name.Trim()); }
        catch (ArgumentException) { throw new CliException($"--chat-format: unknown format '{name}'; expected raw or one of {string.Join(", ", ChatFormats.All.Keys)}"); }
    }

    static ModelSpec? ParseJudge(string text)
    {
        if (text.Trim().Equals("rules", StringComparison.OrdinalIgnoreCase))
            return null;
        try { return ModelSpec.Parse(text); }
        catch (ModelSpecException ex) { throw new CliException($"--judge: {ex.Message}"); }
    }

    static IReadOnlyList<EvalPrompt> ReadPrompts(string path)
    {
        try { return EvalPromptReader.Read(path); }
        catch (InvalidDataException ex) { throw new CliException(ex.Message); }
    }

    static IReadOnlyList<HhhComparison> ReadHhh(string path, int? limit)
    {
        try { return HhhReader.Read(path, limit); }
        catch (InvalidDataException ex) { throw new CliException(ex.Message); }
    }
}
