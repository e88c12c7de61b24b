using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Reports;

/// <summary>Everything <see cref="RunDirectoryReader"/> found in a run directory; parts it did not find are empty.</summary>
internal sealed record RunReportData
{
    /// <summary>The run directory.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The manifest, when it exists and parses.</summary>
    public RunManifest? Manifest { get; init; }

    /// <summary>Per-stage counts, in manifest order then file name order.</summary>
    public IReadOnlyList<StageCount> Stages { get; init; } = [];

    /// <summary>A few failures (stage, id, kind, message) to show.</summary>
    public IReadOnlyList<FailureRecord> FailureExamples { get; init; } = [];

    /// <summary>How often each principle was applied in critique/revision rounds.</summary>
    public IReadOnlyDictionary<string, int> PrincipleUsage { get; init; } = new Dictionary<string, int>();

    /// <summary>A few critique/revision chains.</summary>
    public IReadOnlyList<ChainExample> Chains { get; init; } = [];

    /// <summary>Preference pairs read.</summary>
    public int Pairs { get; init; }

    /// <summary>The label_prob of every pair that has one.</summary>
    public IReadOnlyList<double> LabelProbs { get; init; } = [];

    /// <summary>Training curves from every metrics.jsonl found.</summary>
    public IReadOnlyList<TrainingCurves> Curves { get; init; } = [];

    /// <summary>Evaluation reports found, by file.</summary>
    public IReadOnlyList<(string Path, EvalReport Report)> Evaluations { get; init; } = [];

    /// <summary>What was missing or unreadable, one line each; the report shows them instead of failing.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
