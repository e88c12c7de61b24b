namespace Cai.Train.Schedules;

/// <summary>
/// A learning-rate schedule as a pure function of the optimizer step, matching Hugging Face transformers'
/// <c>LambdaLR</c> schedules: the rate used for the optimizer step numbered <c>step</c> (0-based, i.e. after
/// <c>step</c> calls of <c>scheduler.step()</c>) is <c>BaseLearningRate · Multiplier(step)</c>.
/// </summary>
/// <param name="Type">The schedule's shape.</param>
/// <param name="BaseLearningRate">The peak rate (TRL <c>learning_rate</c>).</param>
/// <param name="WarmupSteps">Steps of linear warmup from 0; resolve <c>warmup_ratio</c> with <see cref="Options.TrainingOptions.GetWarmupSteps"/>.</param>
/// <param name="TotalSteps">Total optimizer steps of the run.</param>
/// <param name="NumCycles">Cosine waves over the decay phase; HF's default 0.5 is a half-cosine from 1 to 0.</param>
public sealed record LearningRateSchedule(LrSchedulerType Type, double BaseLearningRate, int WarmupSteps, int TotalSteps,
    double NumCycles = 0.5)
{
    /// <summary>The learning rate for <paramref name="step"/>.</summary>
    /// <param name="step">0-based optimizer step.</param>
    public double LearningRate(int step) => BaseLearningRate * Multiplier(step);

    /// <summary>The factor applied to <see cref="BaseLearningRate"/> at <paramref name="step"/>.</summary>
    /// <param name="step">0-based optimizer step; must be &gt;= 0.</param>
    public double Multiplier(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Type switch
        {
            LrSchedulerType.Constant => 1.0,
            LrSchedulerType.ConstantWithWarmup => step < WarmupSteps ? Warmup(step, WarmupSteps) : 1.0,
            LrSchedulerType.Linear => step < WarmupSteps ? Warmup(step, WarmupSteps) : LinearDecay(step, WarmupSteps, TotalSteps),
            LrSchedulerType.Cosine => step < WarmupSteps ? Warmup(step, WarmupSteps) : CosineDecay(step, WarmupSteps, TotalSteps, NumCycles),
            _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, $"unknown lr_scheduler_type {Type}"),
        };
    }

    /// <summary>Linear warmup: step / max(1, warmupSteps).</summary>
    /// <param name="step">0-based step, below <paramref name="warmupSteps"/>.</param>
    /// <param name="warmupSteps">Warmup length.</param>
    public static double Warmup(int step, int warmupSteps) => (double)step / Math.Max(1, warmupSteps);

    /// <summary>HF <c>get_linear_schedule_with_warmup</c> after warmup: max(0, (total − step) / max(1, total − warmup)).</summary>
    /// <param name="step">0-based step, at or after warmup.</param>
    /// <param name="warmupSteps">Warmup length.</param>
    /// <param name="totalSteps">Total steps.</param>
    public static double LinearDecay(int step, int warmupSteps, int totalSteps) =>
        Math.Max(0.0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));

    /// <summary>
    /// HF <c>get_cosine_schedule_with_warmup</c> after warmup: max(0, ½(1 + cos(π · numCycles · 2 · progress))) with
    /// progress = (step − warmup) / max(1, total − warmup) (Loshchilov and Hutter 2017, SGDR, Eq. 5 without restarts).
    /// Like HF it is not clamped past <paramref name="totalSteps"/>: the curve rises again, so trainers stop at the total.
    /// </summary>
    /// <param name="step">0-based step, at or after warmup.</param>
    /// <param name="warmupSteps">Warmup length.</param>
    /// <param name="totalSteps">Total steps.</param>
    /// <param name="numCycles">Cosine waves; 0.5 decays once from 1 to 0.</param>
    public static double CosineDecay(int step, int warmupSteps, int totalSteps, double numCycles = 0.5)
    {
        var progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress)));
    }
}
