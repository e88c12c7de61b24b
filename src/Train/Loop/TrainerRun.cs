using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Train.Loop;

/// <summary>Where and how a training run executes: output folder, resume point, clock and logging.</summary>
public sealed record TrainerRun
{
    /// <summary>The output folder: metrics.jsonl, plots, checkpoints and the final model go here.</summary>
    public required string OutputDir { get; init; }

    /// <summary>Resume from this checkpoint folder, or from the latest one when <see cref="ResumeFromLatest"/> is set.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Resume from the newest <c>checkpoint-N</c> in <see cref="OutputDir"/>, if there is one.</summary>
    public bool ResumeFromLatest { get; init; }

    /// <summary>
    /// A fingerprint of the training data (e.g. the SHA-256 of the file), saved in every checkpoint. When resuming from
    /// the latest checkpoint finds one saved with another fingerprint, the data changed since: the run starts over from
    /// step 0 and removes the stale checkpoints, rather than mixing steps on the old data with steps on the new. A
    /// checkpoint named in <see cref="ResumeFrom"/> is refused instead. Null records and checks nothing.
    /// </summary>
    public string? DataHash { get; init; }

    /// <summary>Stop after this many optimizer steps of this call (simulates a kill); null trains to the end.</summary>
    public int? StopAfterStep { get; init; }

    /// <summary>The clock for tokens/s.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where progress is logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Called with the 0-based step before each optimizer step (progress display, fault injection in tests).</summary>
    public Action<int>? BeforeStep { get; init; }

    /// <summary>Called after each optimizer step with its progress (for progress bars); null for none.</summary>
    public Action<StepProgress>? AfterStep { get; init; }

    /// <summary>A tokenizer file (e.g. llama2.c <c>tok512.bin</c>) copied beside every saved model; null copies nothing.</summary>
    public string? TokenizerFile { get; init; }

    /// <summary>Folder for precomputed reference log-probs; null means <c>&lt;OutputDir&gt;/ref_logps</c>.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Where precomputed reference log-probs are kept: <see cref="CacheDir"/>, or <c>&lt;OutputDir&gt;/ref_logps</c>.</summary>
    public string ReferenceCacheDir => CacheDir ?? Path.Combine(OutputDir, "ref_logps");

    /// <summary>Write PNG plots at each checkpoint and at the end.</summary>
    public bool Plots { get; init; } = true;
}
