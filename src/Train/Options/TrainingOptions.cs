using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Train.Schedules;
using static System.FormattableString;

namespace Cai.Train.Options;

/// <summary>
/// Options every trainer shares, named after Hugging Face <c>TrainingArguments</c> (snake_case name in each summary) with
/// its defaults, except <c>logging_steps</c>, which is TRL's. The trainer-specific records (<see cref="DpoOptions"/>, ...)
/// derive from it and override some defaults as TRL's configs do.
/// </summary>
public record TrainingOptions : OptionsRecord
{
    /// <summary>Peak learning rate of AdamW (<c>learning_rate</c>).</summary>
    /// <value>The default value is 5e-5 (TrainingArguments; TRL's configs override it).</value>
    [Positive]
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Examples per micro-batch (<c>per_device_train_batch_size</c>).</summary>
    /// <value>The default value is 8.</value>
    [Positive]
    public int PerDeviceTrainBatchSize { get; init; } = 8;

    /// <summary>Examples per evaluation batch (<c>per_device_eval_batch_size</c>).</summary>
    /// <value>The default value is 8.</value>
    [Positive]
    public int PerDeviceEvalBatchSize { get; init; } = 8;

    /// <summary>Micro-batches whose gradients are summed before each optimizer step (<c>gradient_accumulation_steps</c>).</summary>
    /// <value>The default value is 1.</value>
    [Positive]
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Passes over the training set (<c>num_train_epochs</c>); ignored when <see cref="MaxSteps"/> &gt; 0.</summary>
    /// <value>The default value is 3.</value>
    public double NumTrainEpochs { get; init; } = 3.0;

    /// <summary>Total optimizer steps; -1 means derive them from <see cref="NumTrainEpochs"/> (<c>max_steps</c>).</summary>
    /// <value>The default value is -1.</value>
    public int MaxSteps { get; init; } = -1;

    /// <summary>Learning-rate schedule after warmup (<c>lr_scheduler_type</c>).</summary>
    /// <value>The default value is <see cref="LrSchedulerType.Linear"/>.</value>
    public LrSchedulerType LrSchedulerType { get; init; } = LrSchedulerType.Linear;

    /// <summary>Fraction of total steps used for linear warmup (<c>warmup_ratio</c>); overridden by <see cref="WarmupSteps"/> &gt; 0.</summary>
    /// <value>The default value is 0.</value>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double WarmupRatio { get; init; }

    /// <summary>Steps of linear warmup (<c>warmup_steps</c>); takes precedence over <see cref="WarmupRatio"/> when &gt; 0.</summary>
    /// <value>The default value is 0.</value>
    [NonNegative]
    public int WarmupSteps { get; init; }

    /// <summary>Decoupled weight decay of AdamW (<c>weight_decay</c>).</summary>
    /// <value>The default value is 0.</value>
    [NonNegative]
    public double WeightDecay { get; init; }

    /// <summary>AdamW β₁ (<c>adam_beta1</c>).</summary>
    /// <value>The default value is 0.9.</value>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>AdamW β₂ (<c>adam_beta2</c>).</summary>
    /// <value>The default value is 0.999.</value>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>AdamW ε (<c>adam_epsilon</c>).</summary>
    /// <value>The default value is 1e-8.</value>
    [Positive]
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Global gradient-norm clip; 0 disables clipping (<c>max_grad_norm</c>).</summary>
    /// <value>The default value is 1.0.</value>
    [NonNegative]
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed for torch and for data shuffling (<c>seed</c>).</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Log metrics every this many optimizer steps (<c>logging_steps</c>).</summary>
    /// <value>The default value is 10, as in all of TRL's configs (TrainingArguments has 500).</value>
    [Positive]
    public int LoggingSteps { get; init; } = 10;

    /// <summary>Evaluate every this many steps; null means <see cref="LoggingSteps"/> (<c>eval_steps</c>).</summary>
    /// <value>The default value is null.</value>
    [Positive]
    public int? EvalSteps { get; init; }

    /// <summary>Save a checkpoint every this many steps (<c>save_steps</c>).</summary>
    /// <value>The default value is 500.</value>
    [Positive]
    public int SaveSteps { get; init; } = 500;

    /// <summary>Total optimizer steps: <see cref="MaxSteps"/> if positive, else ⌈epochs · update steps per epoch⌉ as HF does.</summary>
    /// <param name="updateStepsPerEpoch">Optimizer steps in one epoch (micro-batches / <see cref="GradientAccumulationSteps"/>, at least 1).</param>
    public int GetTotalSteps(int updateStepsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(updateStepsPerEpoch);
        return MaxSteps > 0 ? MaxSteps : (int)Math.Ceiling(NumTrainEpochs * updateStepsPerEpoch);
    }

    /// <summary>Warmup steps: <see cref="WarmupSteps"/> if positive, else ⌈total · <see cref="WarmupRatio"/>⌉ (HF <c>get_warmup_steps</c>).</summary>
    /// <param name="totalSteps">Total optimizer steps.</param>
    public int GetWarmupSteps(int totalSteps) =>
        WarmupSteps > 0 ? WarmupSteps : (int)Math.Ceiling(totalSteps * WarmupRatio);

    /// <summary>The learning-rate schedule these options describe for a run of <paramref name="totalSteps"/> steps.</summary>
    /// <param name="totalSteps">Total optimizer steps, e.g. from <see cref="GetTotalSteps"/>.</param>
    public LearningRateSchedule CreateSchedule(int totalSteps) =>
        new(LrSchedulerType, LearningRate, GetWarmupSteps(totalSteps), totalSteps);

    /// <summary>Checks every option, throwing an <see cref="ArgumentException"/> that names the first invalid one.</summary>
    public override void Validate()
    {
        // Every declared range ([Positive], [Range] ...) of this record and the trainer's, named by its key.
        OptionRanges.ValidateByKey(this);
        if (MaxSteps <= 0 && !(NumTrainEpochs > 0 && double.IsFinite(NumTrainEpochs)))
            throw new ArgumentException(Invariant($"num_train_epochs must be > 0 (got {NumTrainEpochs})"), "num_train_epochs");
    }
}
