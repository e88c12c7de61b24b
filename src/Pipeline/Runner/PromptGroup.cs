using Cai.Core.Records;

namespace Cai.Pipeline.Runner;

/// <summary>All samples of one prompt, for stages that compare them (feedback pairs). Its id is the prompt id.</summary>
/// <typeparam name="T">The sample record type.</typeparam>
public sealed record PromptGroup<T> : IRecord, IPartialRecord where T : SampleRecord
{
    /// <summary>The prompt id.</summary>
    public required string Id { get; init; }

    /// <summary>The samples, ordered by sample index.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>True when every expected sample arrived.</summary>
    public bool IsComplete { get; init; } = true;
}
