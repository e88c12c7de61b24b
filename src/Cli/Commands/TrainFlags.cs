using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train</c>; flags given on the command line override the YAML config.</summary>
internal sealed class TrainFlags
{
    public Option<string> Model { get; } = new("--model") { Description = "llama2.c .bin file or HF model folder.", Required = true };
    public Option<string> Data { get; } = new("--data") { Description = "Training data (.jsonl or .jsonl.gz).", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder (metrics, plots, checkpoints, final model).", Required = true };
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of TRL option names (beta, loss_type, ...)." };
    public Option<DpoLossType> LossType { get; } = new Option<DpoLossType>("--loss-type") { Description = "DPO loss (TRL's loss_type)." }.WithChoices();
    public Option<double?> Beta { get; } = new("--beta") { Description = "beta (DPO, KTO)." };
    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "learning_rate." };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "per_device_train_batch_size." };
    public Option<int?> Accumulation { get; } = new("--gradient-accumulation-steps") { Description = "gradient_accumulation_steps." };
    public Option<int?> MaxSteps { get; } = new("--max-steps") { Description = "max_steps." };
    public Option<double?> Epochs { get; } = new("--epochs") { Description = "num_train_epochs." };
    public Option<int?> MaxLength { get; } = new("--max-length") { Description = "max_length." };
    public Option<int?> Seed { get; } = new("--seed") { Description = "seed." };
    public Option<int?> LoggingSteps { get; } = new("--logging-steps") { Description = "logging_steps." };
    public Option<int?> SaveSteps { get; } = new("--save-steps") { Description = "save_steps." };
    public Option<int?> EvalSteps { get; } = new("--eval-steps") { Description = "eval_steps." };
    public Option<double> EvalSplit { get; } = new("--eval-split") { Description = "Fraction of prompts held out for evaluation (seeded); unused with --eval-data.", DefaultValueFactory = _ => 0.1 };
    public Option<string?> EvalData { get; } = new("--eval-data") { Description = "A held-out file to evaluate on (e.g. a run's pairs/test.jsonl) instead of splitting --data." };
    public Option<bool> Precompute { get; } = new("--precompute-ref-log-probs") { Description = "Score the data with the reference once, cache it, keep no reference model." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string?> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr (default: the model's own, from its chat_template; plain for llama2.c files)." };

    /// <summary>The flags <c>cai train &lt;kind&gt;</c> shows and accepts: the shared ones and that trainer's own, nothing it would ignore.</summary>
    public IEnumerable<Option> For(TrainKind kind)
    {
        Option[] shared =
        [
            Model, Data, Out, Config, LearningRate, BatchSize, Accumulation, MaxSteps, Epochs, MaxLength, Seed,
            LoggingSteps, SaveSteps, EvalSteps, EvalSplit, EvalData, Resume, ChatFormat,
        ];
        return kind switch
        {
            TrainKind.Dpo => [.. shared, LossType, Beta, Precompute],
            TrainKind.Kto => [.. shared, Beta, Precompute],
            _ => shared,
        };
    }

    /// <summary>The typed request of a <c>cai train &lt;kind&gt;</c> command line: the options file, then the flags over it.</summary>
    public TrainRequest Request(TrainKind kind, ParseResult parse)
    {
        var file = parse.GetValue(Config);
        TrainingOptions options = kind switch
        {
            TrainKind.Sft => Sft(parse, Apply(parse, TrainConfigFile.Load<SftOptions>(file))),
            TrainKind.Reward => Reward(parse, Apply(parse, TrainConfigFile.Load<RewardOptions>(file))),
            TrainKind.Dpo => Dpo(parse, Apply(parse, TrainConfigFile.Load<DpoOptions>(file))),
            _ => Kto(parse, Apply(parse, TrainConfigFile.Load<KtoOptions>(file))),
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

    SftOptions Sft(ParseResult parse, SftOptions options) => options with { MaxLength = parse.GetValue(MaxLength) ?? options.MaxLength };

    RewardOptions Reward(ParseResult parse, RewardOptions options) => options with { MaxLength = parse.GetValue(MaxLength) ?? options.MaxLength };

    DpoOptions Dpo(ParseResult parse, DpoOptions options) => options with
    {
        Beta = parse.GetValue(Beta) ?? options.Beta,
        LossType = parse.GetResult(LossType) is null ? options.LossType : parse.GetValue(LossType),
        MaxLength = parse.GetValue(MaxLength) ?? options.MaxLength,
        MaxPromptLength = parse.GetValue(MaxLength) is { } max && options.MaxPromptLength >= max ? max / 2 : options.MaxPromptLength,
        PrecomputeRefLogProbs = parse.GetValue(Precompute) || options.PrecomputeRefLogProbs,
    };

    KtoOptions Kto(ParseResult parse, KtoOptions options) => options with
    {
        MaxLength = parse.GetValue(MaxLength) ?? options.MaxLength,
        Beta = parse.GetValue(Beta) ?? options.Beta,
        PrecomputeRefLogProbs = parse.GetValue(Precompute) || options.PrecomputeRefLogProbs,
    };

    /// <summary>The shared TrainingArguments flags applied over <paramref name="options"/>.</summary>
    public T Apply<T>(ParseResult parse, T options) where T : TrainingOptions => options with
    {
        LearningRate = parse.GetValue(LearningRate) ?? options.LearningRate,
        PerDeviceTrainBatchSize = parse.GetValue(BatchSize) ?? options.PerDeviceTrainBatchSize,
        PerDeviceEvalBatchSize = parse.GetValue(BatchSize) ?? options.PerDeviceEvalBatchSize,
        GradientAccumulationSteps = parse.GetValue(Accumulation) ?? options.GradientAccumulationSteps,
        MaxSteps = parse.GetValue(MaxSteps) ?? options.MaxSteps,
        NumTrainEpochs = parse.GetValue(Epochs) ?? options.NumTrainEpochs,
        Seed = parse.GetValue(Seed) ?? options.Seed,
        LoggingSteps = parse.GetValue(LoggingSteps) ?? options.LoggingSteps,
        SaveSteps = parse.GetValue(SaveSteps) ?? options.SaveSteps,
        EvalSteps = parse.GetValue(EvalSteps) ?? options.EvalSteps,
    };
}
