using System.CommandLine;
using Cai.Cli.Composition;
using Cai.Cli.Hosting;
using Cai.Cli.Progress;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>
/// One <c>cai train ppo|rloo|grpo|online-dpo</c> invocation: options, policy, reward sources, prompts, the algorithm from
/// <paramref name="flags"/>, the shared online loop, summary.
/// </summary>
internal sealed class OnlineRunner(CliContext context, OnlineFlags flags, ParseResult parse)
{
    readonly string outDir = Path.GetFullPath(parse.GetValue(flags.Out)!);

    public int Run()
    {
        Directory.CreateDirectory(outDir);
        var progress = RunProgress.IsInteractive && !context.Quiet ? new TrainProgress() : null;
        context.UseRunDirectory(outDir, console: progress is null);
        var logger = context.LoggerFactory.CreateLogger("cai.train." + flags.Name);
        var judges = new JudgeSetup(CliChatClients.CreateFactory(context.LoggerFactory), parse.GetValue(flags.Constitution),
            Path.Combine(outDir, "judge"), context.LoggerFactory);
        try
        {
            var options = flags.Options(parse);
            options.Validate();
            var responseLength = flags.MaxResponseTokens(options);
            var modelPath = LocalModel.ResolvePath(parse.GetValue(flags.Model)!);
            using var policy = LocalModel.Load(modelPath);
            var specs = parse.GetValue(flags.Reward)!;
            var reward = RewardSpec.Parse(specs, flags.RewardBatchSize(options), judges);
            var promptsPath = parse.GetValue(flags.Prompts)!;
            var prompts = PromptDataReader.Read(promptsPath, ChatFormats.ByName(parse.GetValue(flags.ChatFormat)!), policy.Tokenizer,
                policy.Module.MaxLength - responseLength, out var skipped);
            logger.LogInformation("prompts {File}: {Count} usable, {Skipped} too long for {Length} response tokens", promptsPath, prompts.Count, skipped, responseLength);
            var run = new TrainerRun
            {
                OutputDir = outDir, ResumeFromLatest = parse.GetValue(flags.Resume), LoggerFactory = context.LoggerFactory,
                TokenizerFile = TrainRunner.TokenizerFile(modelPath, policy.Module.VocabSize),
                AfterStep = progress is null ? null : progress.Report,
            };
            var algorithm = flags.Algorithm(options, policy, modelPath, parse, logger);
            var loop = new OnlineTrainingLoop(algorithm, options, flags.Plan(options, prompts.Count), prompts, policy.Tokenizer, reward, run);
            if (progress is null)
                loop.Run();
            else
                progress.Run(() => loop.Run());
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            throw new CliException($"invalid option: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is TrainingDivergedException or TrainingDataException or JudgeFailedException)
        {
            throw new CliException(ex.Message, inner: ex);
        }
        finally
        {
            foreach (var owned in judges.Owned)
                owned.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Summarise();
        return ExitCodes.Success;
    }

    void Summarise()
    {
        var metrics = MetricsWriter.ReadAll(Path.Combine(outDir, TrainingLoop.MetricsFile));
        var first = metrics.FirstOrDefault();
        var last = metrics.LastOrDefault();
        context.Output.WriteLine($"trained to update {last?["step"]}; policy, metrics.jsonl, completions.jsonl and plots in {outDir}");
        foreach (var line in new[] { first, last }.OfType<IReadOnlyDictionary<string, double>>())
            context.Output.WriteLine(string.Join("  ", flags.SummaryMetrics.Where(line.ContainsKey).Select(k => FormattableString.Invariant($"{k}={line[k]:G5}"))));
    }
}
