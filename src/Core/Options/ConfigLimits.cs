namespace Cai.Core.Options;

/// <summary>
/// Upper bounds on pipeline config values: far above any sensible run, low enough that a typo
/// (<c>samples_per_prompt: 100000000</c>) fails when the config is read instead of filling a disk hours later. The
/// stage option records name them in their <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>s.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Samples per prompt: RL-CAI compares a handful; TRL's online trainers use 2-64 generations per prompt.</summary>
    public const int SamplesPerPrompt = 64;

    /// <summary>New tokens per completion: 32K is the context of most local models the tool runs.</summary>
    public const int MaxTokens = 32_768;

    /// <summary>Items or requests in flight at once.</summary>
    public const int Parallelism = 1_024;

    /// <summary>Decode batches of a local model side by side: one per core is the most that can help.</summary>
    public const int DecodeWorkers = 256;

    /// <summary>Critique-revision rounds: the CAI paper uses up to 4.</summary>
    public const int Rounds = 16;

    /// <summary>Principles sampled per feedback comparison.</summary>
    public const int Ensemble = 64;
}
