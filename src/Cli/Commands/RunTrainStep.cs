using Cai.Core.Choices;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;
using Cai.Train.Models;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>
/// The <c>train:</c> section of <c>cai run</c>: trains the local policy on the files the run exported, through the same
/// <see cref="TrainRequest"/> and <see cref="TrainRunner"/> as <c>cai train</c> (so options, checkpoints, metrics and
/// resume behave identically). Each offline step trains on its export (<c>sft</c>: <c>pairs/sft.jsonl</c>, <c>dpo</c> and
/// <c>reward</c>: <c>pairs/train.jsonl</c>, <c>kto</c>: <c>pairs/train.kto.jsonl</c>) and evaluates on the matching
/// held-out export, never on a second split; the online steps (<c>ppo</c>, <c>rloo</c>, <c>grpo</c>, <c>online-dpo</c>)
/// sample answers to the run's prompts and score them with the step's reward (the chain's reward model, the
/// constitution's rules, or the run's feedback model as judge). A chain's later steps start from the policy the step
/// before trained; a <c>reward</c> step trains from that policy without moving the chain on, so
/// <c>[sft, reward, ppo]</c> is RL-CAI. Rerunning <c>cai run</c> resumes each step from its latest checkpoint, or starts
/// it over when its data (or a step it continues from) changed.
/// </summary>
internal static class RunTrainStep
{
    /// <summary>
    /// The requests of the config's steps, options files read and the online steps' options and rewards checked (so a
    /// bad step fails before the pipeline runs). The first step renders prompts in the policy's own chat format, the one
    /// the run's local policy generated with; <see cref="RunAsync"/> passes each step's format and data hash on to the next.
    /// </summary>
    public static IReadOnlyList<TrainRequest> Requests(PipelineConfig config, string runDir)
    {
        if (config.Train.Count == 0)
            throw new InvalidOperationException("the config has no train section");
        if (config.Policy.Parsed.Provider != ModelProvider.Local)
            throw new CliException($"{config.SourcePath}: train: the policy must be a local: model to be trained (got '{config.Policy.Spec}')");
        var model = config.Policy.Parsed.Model;
        string? rewardModel = null;
        var requests = new List<TrainRequest>();
        foreach (var (step, index) in config.Train.Select((s, i) => (s, i)))
        {
            var name = Choice<TrainStepKind>.Name(step.Trainer);
            var output = step.Out ?? (config.Train.Count == 1 ? Path.Combine(runDir, "train") : Path.Combine(runDir, "train", name));
            if (step.IsOnline)
            {
                requests.Add(Online(config, step, index, model, output, rewardModel));
                model = output;
                continue;
            }

            TrainingOptions options = step.Trainer switch
            {
                TrainStepKind.Sft => TrainConfigFile.Load<SftOptions>(step.OptionsFile),
                TrainStepKind.Kto => TrainConfigFile.Load<KtoOptions>(step.OptionsFile),
                TrainStepKind.Reward => TrainConfigFile.Load<RewardOptions>(step.OptionsFile),
                _ => TrainConfigFile.Load<DpoOptions>(step.OptionsFile),
            };
            var export = step.Reads!.Value;
            requests.Add(new TrainRequest
            {
                Options = options, Model = model, Data = RunExports.PathOf(runDir, export, heldOut: false), Out = output,
                EvalData = RunExports.PathOf(runDir, export, heldOut: true), EvalSplit = 0, Resume = true,
            });
            if (step.Trainer == TrainStepKind.Reward)
                rewardModel = output; // the reward model scores later steps; the policy stays where it was
            else
                model = output;
        }

        return requests;
    }

    // An online step: its options checked now, its reward resolved to a --reward spec, the run's prompts (as many as
    // prompts.limit lets the generate stage read) as its data.
    static TrainRequest Online(PipelineConfig config, TrainStepConfig step, int index, string model, string output, string? rewardModel)
    {
        var field = $"{config.SourcePath}: train[{index}]";
        if (config.Prompts.Format != Pipeline.Prompts.PromptFormat.Jsonl)
            throw new CliException($"{field}: the {Choice<TrainStepKind>.Name(step.Trainer)} step samples answers to prompts.path, which it reads as jsonl (prompts.format is {Choice<Pipeline.Prompts.PromptFormat>.Name(config.Prompts.Format)})");
        TrainingOptions options = step.Trainer switch
        {
            TrainStepKind.Ppo => TrainConfigFile.Load<PpoOptions>(step.OptionsFile),
            TrainStepKind.Rloo => TrainConfigFile.Load<RlooOptions>(step.OptionsFile),
            TrainStepKind.Grpo => TrainConfigFile.Load<GrpoOptions>(step.OptionsFile),
            _ => TrainConfigFile.Load<OnlineDpoOptions>(step.OptionsFile),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            throw new CliException($"{step.OptionsFile ?? field}: invalid option: {ex.Message}", inner: ex);
        }

        var reward = step.Reward ?? throw new CliException($"{field}: the {Choice<TrainStepKind>.Name(step.Trainer)} step needs a reward");
        var judged = reward.Kind is TrainRewardKind.Judge or TrainRewardKind.PairwiseJudge;
        if (judged && config.Feedback.Parsed.Provider is ModelProvider.Rules)
            throw new CliException($"{field}.reward: {Choice<TrainRewardKind>.Name(reward.Kind)} asks the run's feedback model, and models.feedback is the rules judge; use reward: rules, or a feedback model that returns log-probs");
        if (reward is { Kind: TrainRewardKind.RewardModel, Path: { } folder } && !File.Exists(Path.Combine(folder, RewardModel.HeadFile)))
            throw new CliException($"{field}.reward: {folder} is not a reward-model folder ({RewardModel.HeadFile} missing)");
        var spec = reward.Kind switch
        {
            TrainRewardKind.Rules => $"rules:{config.Constitution}",
            TrainRewardKind.Judge => $"judge:{config.Feedback.Spec}",
            TrainRewardKind.PairwiseJudge => $"pairwise-judge:{config.Feedback.Spec}",
            _ => reward.Path ?? rewardModel ?? throw new CliException($"{field}.reward: no reward step comes before this one"),
        };
        return new TrainRequest
        {
            Options = options, Model = model, Data = config.Prompts.Path, DataLimit = config.Prompts.Limit, Out = output, Resume = true,
            Rewards = [spec], Constitution = judged ? config.Constitution : null,
        };
    }

    /// <summary>Runs the steps in order; returns the exit code.</summary>
    public static Task<int> RunAsync(CliContext context, PipelineConfig config, string runDir, CancellationToken cancellationToken)
    {
        var steps = Requests(config, runDir);
        var rewardSteps = steps.Where(s => s.Options is RewardOptions).Select(s => s.Out).ToHashSet(StringComparer.Ordinal);
        TrainResult? policy = null, reward = null;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(step.Data))
                throw new CliException(step.IsOnline
                    ? $"{config.SourcePath}: train: the prompts file {step.Data} is missing"
                    : $"{config.SourcePath}: train: {step.Data} was not exported; add {ExportOf(step)} to pairs.exports");
            if (!File.ReadLines(step.Data).Any(line => line.Trim().Length > 0))
            {
                context.Output.WriteLine($"training skipped: the run exported no training {(step.Options is SftOptions ? "rows" : "pairs")} for {step.Trainer} ({step.Data} is empty)");
                continue;
            }

            // A step scored by the chain's reward model continues from it too: a retrained reward model makes its checkpoints stale.
            var scoredByChain = reward is not null && step.Rewards.Contains(reward.ModelDir);
            if (step.Rewards.FirstOrDefault(rewardSteps.Contains) is { } untrained && !scoredByChain)
            {
                context.Output.WriteLine($"training skipped: {step.Trainer}'s reward model {untrained} was not trained (its reward step was skipped)");
                continue;
            }

            var request = step with
            {
                Model = policy?.ModelDir ?? steps[0].Model, // a skipped step leaves the model as it was
                EvalData = step.EvalData is { } eval && File.Exists(eval) ? eval : null,
                ChatFormat = policy?.ChatFormat,
                UpstreamDataHash = scoredByChain ? $"{policy?.DataHash}+{reward!.DataHash}" : policy?.DataHash,
            };
            context.Output.WriteLine($"training: {request.Trainer} on {request.Data} from {request.Model} -> {request.Out}");
            var result = new TrainRunner(context).Run(request);
            if (request.Options is RewardOptions)
                reward = result;
            else
                policy = result;
        }

        return Task.FromResult(ExitCodes.Success);
    }

    static string ExportOf(TrainRequest step) => step.Options switch
    {
        SftOptions => "sft",
        KtoOptions => "kto",
        _ => "jsonl",
    };
}
