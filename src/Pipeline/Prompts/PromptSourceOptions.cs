using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Pipeline.Prompts;

/// <summary>Where the prompts of a run come from.</summary>
public sealed record PromptSourceOptions : OptionsRecord
{
    /// <summary>The prompts file (<c>.jsonl</c> or <c>.jsonl.gz</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The file's layout.</summary>
    /// <value>The default value is <see cref="PromptFormat.Jsonl"/>.</value>
    public PromptFormat Format { get; init; } = PromptFormat.Jsonl;

    /// <summary>Read at most this many prompts (after de-duplication); null reads them all.</summary>
    /// <value>The default value is null.</value>
    [Range(1, int.MaxValue)]
    public int? Limit { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            throw new ArgumentException("Prompts path must not be empty.", nameof(Path));
        base.Validate();
    }
}
