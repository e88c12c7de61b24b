namespace Cai.Train.Schedules;

/// <summary>The learning-rate schedule (HF <c>TrainingArguments.lr_scheduler_type</c>).</summary>
public enum LrSchedulerType
{
    /// <summary>Linear warmup, then linear decay to 0 at the last step (HF <c>"linear"</c>, <c>get_linear_schedule_with_warmup</c>).</summary>
    Linear,

    /// <summary>Linear warmup, then half a cosine down to 0 (HF <c>"cosine"</c>, <c>get_cosine_schedule_with_warmup</c>).</summary>
    Cosine,

    /// <summary>The base rate at every step; warmup is ignored, as in HF <c>"constant"</c> (<c>get_constant_schedule</c>).</summary>
    Constant,

    /// <summary>Linear warmup, then the base rate (HF <c>"constant_with_warmup"</c>).</summary>
    ConstantWithWarmup,
}
