using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Online.Rewards;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>
/// The flags every online trainer shares (<c>cai train ppo|rloo|grpo|online-dpo</c>: TRL's names, applied over the YAML
/// <c>--config</c>) and what each algorithm adds: its options type, its trainer and its rollout plan. One runner,
/// <see cref="OnlineRunner"/>, drives them all.
/// </summary>
internal abstract class OnlineFlags
{
    public Option<string> Model { get; } = new("--model") { Description = "Policy to train: llama2.c .bin file or HF model folder.", Required = true };
    public Option<string[]> Reward { get; } = new("--reward")
    {
        Description = "Reward source, repeatable (summed): a reward-model folder from `cai train reward`, rules:<constitution.yaml>, word-count:<word>, judge:<model-spec> (with --constitution), or for online-dpo alone pairwise-judge:<model-spec> (with --constitution); prefix a weight as 0.5*<source>.",
        Required = true, AllowMultipleArgumentsPerToken = false,
    };
    public Option<string> Prompts { get; } = new("--prompts") { Description = "Prompts (.jsonl): {\"id\", \"messages\"} or {\"id\", \"prompt\"}.", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder (metrics, completions, plots, checkpoints, final policy).", Required = true };
    public Option<string?> Constitution { get; } = new("--constitution") { Description = "Constitution (.yaml) whose principles a judge: or pairwise-judge: reward asks about." };
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of TRL option names." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr.", DefaultValueFactory = _ => "plain" };
    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "learning_rate." };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "per_device_train_batch_size." };
    public Option<int?> Accumulation { get; } = new("--gradient-accumulation-steps") { Description = "gradient_accumulation_steps (1)." };
    public Option<int?> MaxSteps { get; } = new("--max-steps") { Description = "max_steps: updates (one generation batch each)." };
    public Option<double?> Epochs { get; } = new("--epochs") { Description = "num_train_epochs over the prompts." };
    public Option<int?> Seed { get; } = new("--seed") { Description = "seed (42)." };
    public Option<int?> LoggingSteps { get; } = new("--logging-steps") { Description = "logging_steps (10)." };
    public Option<int?> SaveSteps { get; } = new("--save-steps") { Description = "save_steps (500)." };
    public Option<double?> Temperature { get; } = new("--temperature") { Description = "temperature of the rollouts." };

    /// <summary>The sub-command's name (<c>ppo</c>, <c>grpo</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The metrics the run summary prints, first and last logged update.</summary>
    public abstract IReadOnlyList<string> SummaryMetrics { get; }

    /// <summary>Every option of the sub-command.</summary>
    public IEnumerable<Option> All =>
    [
        Model, Reward, Prompts, Out, Constitution, Config, Resume, ChatFormat, LearningRate, BatchSize, Accumulation, MaxSteps, Epochs, Seed, LoggingSteps,
        SaveSteps, Temperature, .. Extra, .. Specific,
    ];

    /// <summary>The options only this algorithm has.</summary>
    protected abstract IEnumerable<Option> Specific { get; }

    /// <summary>A flag that is no option of the record (PPO's <c>--value-model</c>), listed before <see cref="Specific"/>.</summary>
    protected virtual IEnumerable<Option> Extra => [];

    /// <summary>The options from <c>--config</c> (or defaults) with the command-line flags applied, validated.</summary>
    public abstract TrainingOptions Options(ParseResult parse);

    /// <summary>The options record the <c>--config</c> file binds to (its keys are listed in the command's help).</summary>
    public abstract Type OptionsType { get; }

    /// <summary>Most tokens a rollout samples, so that prompts leave room for them.</summary>
    public abstract int MaxResponseTokens(TrainingOptions options);

    /// <summary>The algorithm (its reference, value model ...) for <paramref name="policy"/>.</summary>
    public abstract IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger);

    /// <summary>Whether a <c>pairwise-judge:</c> reward may pick chosen and rejected (online DPO only).</summary>
    public virtual bool TakesPairwiseJudge => false;

    /// <summary>Prompt tokens kept (the end of a longer prompt, as TRL cuts from the left); null keeps whole prompts.</summary>
    public virtual int? MaxPromptTokens(TrainingOptions options) => null;

    /// <summary>The flags of the sub-command that trains with <paramref name="options"/>.</summary>
    public static OnlineFlags For(TrainingOptions options) => options switch
    {
        PpoOptions => new PpoFlags(),
        RlooOptions => GroupRolloutFlags.Rloo(),
        GrpoOptions => GroupRolloutFlags.Grpo(),
        OnlineDpoOptions => new OnlineDpoFlags(),
        _ => throw new InvalidOperationException($"no online trainer takes {options.GetType().Name}"),
    };

    /// <summary>The typed request of a command line: the options file, then the flags over it.</summary>
    public virtual TrainRequest Request(ParseResult parse) => new()
    {
        Options = Options(parse),
        Model = parse.GetValue(Model)!,
        Data = parse.GetValue(Prompts)!,
        Out = Path.GetFullPath(parse.GetValue(Out)!),
        Rewards = parse.GetValue(Reward)!,
        Constitution = parse.GetValue(Constitution),
        Resume = parse.GetValue(Resume),
        ChatFormat = parse.GetValue(ChatFormat),
    };

    /// <summary>What each update samples.</summary>
    public abstract RolloutPlan Plan(TrainingOptions options, int promptCount);

    /// <summary>Rows per reward-model forward pass.</summary>
    public virtual int RewardBatchSize(TrainingOptions options) => Math.Max(1, options.PerDeviceTrainBatchSize);

    /// <summary>The shared flags given on the command line applied over <paramref name="o"/>.</summary>
    protected T ApplyCommon<T>(ParseResult p, T o) where T : OnlineOptions => (T)(o with
    {
        LearningRate = p.GetValue(LearningRate) ?? o.LearningRate,
        PerDeviceTrainBatchSize = p.GetValue(BatchSize) ?? o.PerDeviceTrainBatchSize,
        GradientAccumulationSteps = p.GetValue(Accumulation) ?? o.GradientAccumulationSteps,
        MaxSteps = p.GetValue(MaxSteps) ?? o.MaxSteps,
        NumTrainEpochs = p.GetValue(Epochs) ?? o.NumTrainEpochs,
        Seed = p.GetValue(Seed) ?? o.Seed,
        LoggingSteps = p.GetValue(LoggingSteps) ?? o.LoggingSteps,
        SaveSteps = p.GetValue(SaveSteps) ?? o.SaveSteps,
        Temperature = p.GetValue(Temperature) ?? o.Temperature,
    });
}

/// <summary>
/// An online trainer's flags over its options record: the <c>--config</c> file binds to <typeparamref name="TOptions"/>
/// and the flags given on the command line are put over it. Each algorithm flag is declared once, as an
/// <see cref="OnlineFlag{TOptions}"/>: its option and what its value sets on the record.
/// </summary>
internal abstract class OnlineFlags<TOptions> : OnlineFlags where TOptions : OnlineOptions, new()
{
    public sealed override Type OptionsType => typeof(TOptions);

    public sealed override TrainingOptions Options(ParseResult parse) => Apply(parse, TrainConfigFile.Load<TOptions>(parse.GetValue(Config)));

    /// <summary>The algorithm's flags, in help order.</summary>
    protected abstract IReadOnlyList<OnlineFlag<TOptions>> Flags { get; }

    protected sealed override IEnumerable<Option> Specific => Flags.Select(f => f.Option);

    /// <summary>The flags given on the command line applied over <paramref name="o"/> (from YAML or defaults).</summary>
    public TOptions Apply(ParseResult p, TOptions o) => Flags.Aggregate(ApplyCommon(p, o), (options, flag) => flag.Apply(p, options));

    /// <summary>A flag whose value, when given, sets an option through <paramref name="set"/>.</summary>
    protected static OnlineFlag<TOptions> Flag<T>(string name, string description, Func<TOptions, T, TOptions> set) where T : struct =>
        OnlineFlag.Value(name, description, set);
}

/// <summary>Makes the flags of <see cref="OnlineFlags{TOptions}"/>.</summary>
internal static class OnlineFlag
{
    /// <summary>A flag whose value, when given, sets an option through <paramref name="set"/>.</summary>
    public static OnlineFlag<TOptions> Value<TOptions, T>(string name, string description, Func<TOptions, T, TOptions> set) where T : struct
    {
        var option = new Option<T?>(name) { Description = description };
        return new(option, (p, o) => p.GetValue(option) is { } value ? set(o, value) : o);
    }

    /// <summary>A flag naming one of <typeparamref name="T"/>'s <see cref="Core.Choices.Choice{T}"/> spellings (TRL's snake_case too).</summary>
    public static OnlineFlag<TOptions> Choice<TOptions, T>(string name, string description, Func<TOptions, T, TOptions> set) where T : struct, Enum
    {
        var option = new Option<T>(name) { Description = description }.WithChoices();
        return new(option, (p, o) => p.GetResult(option) is null ? o : set(o, p.GetValue(option)));
    }
}

/// <summary>A command-line flag of an online trainer and what its value does to the options record.</summary>
/// <param name="Option">The flag.</param>
/// <param name="Apply">Puts the flag's value, when given, over the options.</param>
internal sealed record OnlineFlag<TOptions>(Option Option, Func<ParseResult, TOptions, TOptions> Apply);
