using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Pipeline.Runner;

/// <summary>How the runner drives one stage.</summary>
public sealed record StageStepOptions : OptionsRecord
{
    /// <summary>Items of this stage processed at once; per-model limits still apply inside the model clients.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxDegreeOfParallelism { get; init; } = 8;

    /// <summary>Process again the items recorded in <c>&lt;stage&gt;.failed.jsonl</c> (<c>--retry-failed</c>).</summary>
    /// <value>The default value is false.</value>
    public bool RetryFailed { get; init; }
}
