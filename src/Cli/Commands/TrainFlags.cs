using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>
/// The options of <c>cai train sft|reward|dpo|kto</c>: what the run needs (model, data, output, evaluation data) and
/// one flag for each key of the trainer's options record (<see cref="OptionFlags{TOptions}"/>), applied over the YAML
/// <c>--config</c>.
/// </summary>
internal sealed class TrainFlags
{
    public Option<string> Model { get; } = new("--model") { Description = "llama2.c .bin file or HF model folder.", Required = true };
    public Option<string> Data { get; } = new("--data") { Description = "Training data (.jsonl or .jsonl.gz).", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder (metrics, plots, checkpoints, final model).", Required = true };
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of the same options in TRL's snake_case names (beta, loss_type, ...); flags given override it." };
    public Option<double> EvalSplit { get; } = new("--eval-split") { Description = "Fraction of prompts held out for evaluation (seeded); unused with --eval-data.", DefaultValueFactory = _ => 0.1 };
    public Option<string?> EvalData { get; } = new("--eval-data") { Description = "A held-out file to evaluate on (e.g. a run's pairs/test.jsonl) instead of splitting --data." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string?> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr (default: the model's own, from its chat_template; plain for llama2.c files)." };

    // Each trainer's flags are made when its command asks for them: one command, one record's flags.
    readonly Lazy<OptionFlags<SftOptions>> sft = new(() => new());
    readonly Lazy<OptionFlags<RewardOptions>> reward = new(() => new());
    readonly Lazy<OptionFlags<DpoOptions>> dpo = new(() => new());
    readonly Lazy<OptionFlags<KtoOptions>> kto = new(() => new());

    /// <summary>The flags <c>cai train &lt;kind&gt;</c> shows and accepts: the run's and that trainer's options, nothing it would ignore.</summary>
    public IEnumerable<Option> For(TrainKind kind) =>
    [
        Model, Data, Out, Config, EvalSplit, EvalData, Resume, ChatFormat,
        .. kind switch { TrainKind.Sft => sft.Value.All, TrainKind.Reward => reward.Value.All, TrainKind.Dpo => dpo.Value.All, _ => kto.Value.All },
    ];

    /// <summary>The typed request of a <c>cai train &lt;kind&gt;</c> command line: the options file, then the flags over it.</summary>
    public TrainRequest Request(TrainKind kind, ParseResult parse)
    {
        var file = parse.GetValue(Config);
        TrainingOptions options = kind switch
        {
            TrainKind.Sft => Apply(sft.Value, parse, TrainConfigFile.Load<SftOptions>(file)),
            TrainKind.Reward => Apply(reward.Value, parse, TrainConfigFile.Load<RewardOptions>(file)),
            TrainKind.Dpo => Dpo(parse, Apply(dpo.Value, parse, TrainConfigFile.Load<DpoOptions>(file))),
            _ => Apply(kto.Value, parse, TrainConfigFile.Load<KtoOptions>(file)),
        };
        return new TrainRequest
        {
            Options = options,
            Model = parse.GetValue(Model)!,
            Data = parse.GetValue(Data)!,
            Out = Path.GetFullPath(parse.GetValue(Out)!),
            EvalData = parse.GetValue(EvalData),
            EvalSplit = parse.GetValue(EvalSplit),
            Resume = parse.GetValue(Resume),
            ChatFormat = parse.GetValue(ChatFormat),
        };
    }

    // --max-length on its own also keeps the prompt budget below it: half, when the file's max_prompt_length is not less.
    DpoOptions Dpo(ParseResult parse, DpoOptions options) =>
        dpo.Value.Given(parse, "max_length") && !dpo.Value.Given(parse, "max_prompt_length") && options.MaxLength is { } max && options.MaxPromptLength >= max
            ? options with { MaxPromptLength = max / 2 }
            : options;

    // --batch-size alone sets the evaluation batch too, so one flag bounds the memory of both.
    static T Apply<T>(OptionFlags<T> flags, ParseResult parse, T options) where T : TrainingOptions, new()
    {
        var applied = flags.Apply(parse, options);
        return flags.Given(parse, "per_device_train_batch_size") && !flags.Given(parse, "per_device_eval_batch_size")
            ? applied with { PerDeviceEvalBatchSize = applied.PerDeviceTrainBatchSize }
            : applied;
    }
}
