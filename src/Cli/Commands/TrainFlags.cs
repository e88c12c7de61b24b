using System.CommandLine;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train</c>; flags given on the command line override the YAML config.</summary>
internal sealed class TrainFlags
{
    public Option<string> Model { get; } = new("--model") { Description = "llama2.c .bin file or HF model folder.", Required = true };
    public Option<string> Data { get; } = new("--data") { Description = "Training data (.jsonl or .jsonl.gz).", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder (metrics, plots, checkpoints, final model).", Required = true };
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of TRL option names (beta, loss_type, ...)." };
    public Option<string?> LossType { get; } = new("--loss-type") { Description = "DPO loss: sigmoid, ipo, hinge, robust, simpo, soft-label." };
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
    public Option<double> EvalSplit { get; } = new("--eval-split") { Description = "Fraction held out for evaluation (seeded).", DefaultValueFactory = _ => 0.1 };
    public Option<bool> Precompute { get; } = new("--precompute-ref-log-probs") { Description = "Score the data with the reference once, cache it, keep no reference model." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr.", DefaultValueFactory = _ => "plain" };

    public IEnumerable<Option> All =>
    [
        Model, Data, Out, Config, LossType, Beta, LearningRate, BatchSize, Accumulation, MaxSteps, Epochs, MaxLength, Seed,
        LoggingSteps, SaveSteps, EvalSteps, EvalSplit, Precompute, Resume, ChatFormat,
    ];

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
