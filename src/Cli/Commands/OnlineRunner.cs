using Cai.Cli.Composition;
using Cai.Cli.Progress;
using Cai.Core.Runs;
using Cai.Models;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Online;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>
/// One online training run (<c>cai train ppo|rloo|grpo|online-dpo</c>, or an online step of <c>cai run</c>'s
/// <c>train:</c> section): options, policy, reward sources, prompts, the algorithm from <paramref name="flags"/>, the
/// shared online loop, summary. Like <see cref="TrainRunner"/>, a resumed run continues its latest checkpoint only when
/// the prompts (and the steps it continues from) are what the checkpoint was trained on.
/// </summary>
internal sealed class OnlineRunner(CliContext context, OnlineFlags flags)
{
    public TrainResult Run(TrainRequest request)
    {
        var outDir = Path.GetFullPath(request.Out);
        Directory.CreateDirectory(outDir);
        var progress = RunProgress.IsInteractive && !context.Quiet ? new TrainProgress() : null;
        context.UseRunDirectory(outDir, console: progress is null);
        var logger = context.LoggerFactory.CreateLogger("cai.train." + flags.Name);
        var judges = new JudgeSetup(CliChatClients.CreateFactory(context.LoggerFactory), request.Constitution,
            Path.Combine(outDir, "judge"), context.LoggerFactory);
        string format, dataHash;
        try
        {
            var options = request.Options;
            options.Validate();
            var responseLength = flags.MaxResponseTokens(options);
            var modelPath = LocalModel.ResolvePath(request.Model);
            context.UseTorchThreads();
            using var policy = LocalModel.Load(modelPath);
            var reward = RewardSpec.Parse(request.Rewards, flags.RewardBatchSize(options), judges, pairwise: flags.TakesPairwiseJudge);
            var chatFormat = TrainRunner.ChatFormat(request, policy);
            format = chatFormat.Name;
            var prompts = PromptDataReader.Read(request.Data, chatFormat, policy.Tokenizer, policy.Module.MaxLength - responseLength, out var skipped,
                flags.MaxPromptTokens(options), request.DataLimit);
            dataHash = TrainRunner.DataHash(request);
            logger.LogInformation("prompts {File}: {Count} usable, {Skipped} too long for {Length} response tokens", request.Data, prompts.Count, skipped, responseLength);
            logger.LogInformation("training {Trainer} on {Data} in chat format {ChatFormat} (data hash {DataHash})",
                request.Trainer, request.Data, format, dataHash);
            var run = new TrainerRun
            {
                OutputDir = outDir, ResumeFromLatest = request.Resume, LoggerFactory = context.LoggerFactory, DataHash = dataHash,
                TokenizerFile = TrainRunner.TokenizerFile(modelPath, policy.Module.VocabSize),
                AfterStep = progress is null ? null : progress.Report,
            };
            var algorithm = flags.Algorithm(options, policy, modelPath, request, logger);
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

        Summarise(outDir);
        return new TrainResult(format, dataHash, outDir);
    }

    void Summarise(string outDir)
    {
        var metrics = MetricsLog.Read(Path.Combine(outDir, MetricsLog.FileName));
        var first = metrics.FirstOrDefault();
        var last = metrics.LastOrDefault();
        context.Output.WriteLine($"trained to update {last?["step"]}; policy, metrics.jsonl, completions.jsonl and plots in {outDir}");
        foreach (var line in new[] { first, last }.OfType<IReadOnlyDictionary<string, double>>())
            context.Output.WriteLine(string.Join("  ", flags.SummaryMetrics.Where(line.ContainsKey).Select(k => FormattableString.Invariant($"{k}={line[k]:G5}"))));
    }
}
