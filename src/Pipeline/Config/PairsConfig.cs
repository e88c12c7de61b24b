using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Preference;

namespace Cai.Pipeline.Config;

/// <summary>
/// The preference stage: modes, labelling, filters, split and exports. A pipeline config's <c>pairs:</c> binds onto it
/// under the same names, within the declared ranges; <c>feedback</c> and <c>filters</c> onto their own records.
/// </summary>
public sealed record PairsConfig : OptionsRecord
{
    /// <summary>Which pairs to make.</summary>
    /// <value>The default value is revision and feedback.</value>
    public IReadOnlyList<PairMode> Modes { get; init; } = [PairMode.Revision, PairMode.Feedback];

    /// <summary>Feedback labelling options (<c>pairs.feedback</c>), the labeller's own record.</summary>
    public FeedbackOptions Feedback { get; init; } = new();

    /// <summary>Which pairs are dropped (<c>pairs.filters</c>; pairs with an empty answer, or the same text chosen and rejected, always are).</summary>
    public PairFilterOptions Filters { get; init; } = new();

    /// <summary>Fraction of prompts held out as the test split (split by prompt id, seeded).</summary>
    /// <value>The default value is 0.1.</value>
    [Range(0.0, 0.9)]
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Export formats.</summary>
    /// <value>The default value is JSONL and Parquet.</value>
    public IReadOnlyList<ExportFormat> Exports { get; init; } = [ExportFormat.Jsonl, ExportFormat.Parquet];

    /// <summary>
    /// Whether the <see cref="ExportFormat.Sft"/> rows keep the critique→revision exchange before the final revision
    /// (the CAI paper's critiqued-revision ablation) instead of only the prompt and the final revision.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool SftCritiques { get; init; }

    /// <summary>Prompt groups labelled at once.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxParallelism { get; init; } = 8;
}
