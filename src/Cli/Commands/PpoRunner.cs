using System.CommandLine;
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

/// <summary>One <c>cai train ppo</c> invocation: options, policy, value model, reward sources, prompts, the online loop, summary.</summary>
internal sealed class PpoRunner(CliContext context, PpoFlags flags, ParseResult parse)
{
    readonly string outDir = Path.GetFullPath(parse.GetValue(flags.Out)!);

    public int Run()
    {
        Directory.CreateDirectory(outDir);
        var progress = RunProgress.IsInteractive && !context.Quiet ? new TrainProgress() : null;
        context.UseRunDirectory(outDir, console: progress is null);
        var logger = context.LoggerFactory.CreateLogger("cai.train.ppo");
        try
        {
            var options = flags.Apply(parse, TrainConfigFile.Load<PpoOptions>(parse.GetValue(flags.Config)));
            options.Validate();
            var modelPath = LocalModel.ResolvePath(parse.GetValue(flags.Model)!);
            using var policy = LocalModel.Load(modelPath);
            var specs = parse.GetValue(flags.Reward)!;
            var reward = RewardSpec.Parse(specs, options.LocalRolloutForwardBatchSize);
            var valueModel = ValueModel(parse.GetValue(flags.ValueModel) ?? RewardSpec.ModelFolders(specs).FirstOrDefault() ?? modelPath, logger);
            var promptsPath = parse.GetValue(flags.Prompts)!;
            var prompts = PromptDataReader.Read(promptsPath, ChatFormats.ByName(parse.GetValue(flags.ChatFormat)!), policy.Tokenizer,
                policy.Module.MaxLength - options.ResponseLength, out var skipped);
            logger.LogInformation("prompts {File}: {Count} usable, {Skipped} too long for response_length {Length}", promptsPath, prompts.Count, skipped, options.ResponseLength);
            var run = new TrainerRun
            {
                OutputDir = outDir, ResumeFromLatest = parse.GetValue(flags.Resume), LoggerFactory = context.LoggerFactory,
                TokenizerFile = TrainRunner.TokenizerFile(modelPath, policy.Module.VocabSize),
                AfterStep = progress is null ? null : progress.Report,
            };
            var ppo = new PpoTrainer(policy.Module, valueModel, options);
            var loop = new OnlineTrainingLoop(ppo, options, prompts, policy.Tokenizer, reward, run);
            if (progress is null)
                loop.Run();
            else
                progress.Run(() => loop.Run());
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            throw new CliException($"invalid option: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is TrainingDivergedException or TrainingDataException)
        {
            throw new CliException(ex.Message, inner: ex);
        }

        Summarise();
        return ExitCodes.Success;
    }

    // TRL loads the value model from the reward model (its head included); from a plain model the head starts at zero.
    static RewardModel ValueModel(string path, ILogger logger)
    {
        if (File.Exists(Path.Combine(path, RewardModel.HeadFile)))
        {
            var fromReward = new RewardModel(ModelFiles.LoadLlama(path));
            fromReward.Load(path);
            logger.LogInformation("value model: reward model {Path} (head kept)", path);
            return fromReward;
        }

        var model = LocalModel.Load(LocalModel.ResolvePath(path));
        logger.LogInformation("value model: {Path} with a zero head", path);
        return new RewardModel(model.Module);
    }

    void Summarise()
    {
        var metrics = MetricsWriter.ReadAll(Path.Combine(outDir, TrainingLoop.MetricsFile));
        var first = metrics.FirstOrDefault();
        var last = metrics.LastOrDefault();
        context.Output.WriteLine($"trained to update {last?["step"]}; policy, metrics.jsonl, completions.jsonl and plots in {outDir}");
        foreach (var line in new[] { first, last }.OfType<IReadOnlyDictionary<string, double>>())
            context.Output.WriteLine(string.Join("  ", new[] { "step", "objective/scores", "objective/kl", "objective/rlhf_reward", "objective/entropy", "loss/policy_avg", "loss/value_avg" }
                .Where(line.ContainsKey).Select(k => FormattableString.Invariant($"{k}={line[k]:G5}"))));
    }
}
