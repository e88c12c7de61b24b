using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Models.Chat;

namespace Cai.Pipeline.Local;

/// <summary>
/// Settings of a <see cref="LocalChatClient"/>, each bound declared once on its property (<c>cai serve</c>'s flags are
/// made from this record); per-call sampling comes from <c>ChatOptions</c>.
/// </summary>
public sealed record LocalChatClientOptions : OptionsRecord
{
    /// <summary>How conversations are rendered; null uses the model's own format (its chat template, or plain).</summary>
    /// <value>The default value is null.</value>
    [BindNever]
    public IChatFormat? ChatFormat { get; init; }

    /// <summary>Output tokens when neither the call nor generation_config.json sets them.</summary>
    /// <value>The default value is <see cref="SamplingOptions.DefaultMaxTokens"/> (256).</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int DefaultMaxOutputTokens { get; init; } = SamplingOptions.DefaultMaxTokens;

    /// <summary>Largest number of sequences one request may ask for (the <c>n</c> additional property).</summary>
    /// <value>The default value is 16.</value>
    [Range(1, int.MaxValue)]
    public int MaxReturnSequences { get; init; } = 16;

    /// <summary>Most waiting requests decoded together as one batch.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, int.MaxValue)]
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>
    /// Batches decoded side by side, each on its own thread with up to <see cref="MaxBatchSize"/> rows, taking requests
    /// from one queue in arrival order. More than one pays off when the machine has idle cores: a batch decodes on one
    /// thread (one torch thread is best for small models, TorchThreads), so a second batch uses a second core. Which
    /// batch decodes a request changes its text only where its logits differ in the last bit (see
    /// <see cref="BatchSampledRequests"/>).
    /// </summary>
    /// <value>The default value is 1.</value>
    [Range(1, ConfigLimits.DecodeWorkers)]
    public int DecodeWorkers { get; init; } = 1;

    /// <summary>
    /// Whether sampled requests that wait together are decoded as one batch, each drawing from a generator seeded with
    /// its own seed (greedy ones always are). A request then gets the text it gets alone as long as its logits are
    /// the same to the bit inside a batch. For stories260K on CPU they mostly are (the batching tests compare texts),
    /// but not always: in the experiment's data stage 1 of 400 stories differed in one token between 64 rows on one
    /// worker and 200 rows on each of two (BENCHMARKS.md). Turn it off when a seed must reproduce its text whatever
    /// else is queued.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool BatchSampledRequests { get; init; } = true;

    /// <summary>Whether the client disposes the model when it is disposed.</summary>
    /// <value>The default value is false.</value>
    [BindNever]
    public bool OwnsModel { get; init; }

    /// <summary>Clock for response timestamps.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    [BindNever]
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
