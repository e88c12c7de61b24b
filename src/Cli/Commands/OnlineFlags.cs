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
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of the same options in TRL's snake_case names; flags given override it." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr.", DefaultValueFactory = _ => "plain" };

    /// <summary>The sub-command's name (<c>ppo</c>, <c>grpo</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The metrics the run summary prints, first and last logged update.</summary>
    public abstract IReadOnlyList<string> SummaryMetrics { get; }

    /// <summary>Every option of the sub-command.</summary>
    public IEnumerable<Option> All =>
    [
        Model, Reward, Prompts, Out, Constitution, Config, Resume, ChatFormat, .. Extra, .. Specific,
    ];

    /// <summary>One flag for each key of the algorithm's options record.</summary>
    protected abstract IEnumerable<Option> Specific { get; }

    /// <summary>A flag that is no option of the record (PPO's <c>--value-model</c>), listed before the record's.</summary>
    protected virtual IEnumerable<Option> Extra => [];

    /// <summary>The options from <c>--config</c> (or defaults) with the command-line flags applied, validated.</summary>
    public abstract TrainingOptions Options(ParseResult parse);

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
}

/// <summary>
/// An online trainer's flags over its options record: the <c>--config</c> file binds to <typeparamref name="TOptions"/>
/// and the flags given on the command line, one for each of its keys (<see cref="OptionFlags{TOptions}"/>), are put over it.
/// </summary>
internal abstract class OnlineFlags<TOptions> : OnlineFlags where TOptions : OnlineOptions, new()
{
    readonly OptionFlags<TOptions> flags = new();

    public sealed override TrainingOptions Options(ParseResult parse) => flags.Apply(parse, TrainConfigFile.Load<TOptions>(parse.GetValue(Config)));

    protected sealed override IEnumerable<Option> Specific => flags.All;
}
