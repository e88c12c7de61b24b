using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Pipeline.Runner;

/// <summary>
/// How the <see cref="PipelineRunner"/> moves records between stages. A pipeline config's <c>runner:</c> binds onto it
/// (<c>channel_capacity</c>); the rest belongs to one process, set by the command that runs it, and is neither read from
/// the config nor recorded with it.
/// </summary>
public sealed record RunnerOptions : OptionsRecord
{
    /// <summary>Records buffered between two stages; a full buffer makes the upstream stage wait (backpressure).</summary>
    /// <value>The default value is 64.</value>
    [Range(1, int.MaxValue)]
    public int ChannelCapacity { get; init; } = 64;

    /// <summary>The partition of prompt ids this process handles (<c>--shard k/n</c>).</summary>
    /// <value>The default value is <see cref="Shard.All"/>.</value>
    [BindNever]
    [JsonIgnore]
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>How often the manifest is saved and, without a progress display, a progress line logged.</summary>
    /// <value>The default value is 10 seconds.</value>
    [BindNever]
    [JsonIgnore]
    [Range(0.001, double.PositiveInfinity)]
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether progress lines are logged every <see cref="ReportInterval"/> (off when a progress bar shows them).</summary>
    /// <value>The default value is true.</value>
    [BindNever]
    [JsonIgnore]
    public bool LogProgress { get; init; } = true;
}
