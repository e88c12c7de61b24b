using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Preference;

/// <summary>Options of <see cref="PairFilter"/>, bound from a pipeline config's <c>pairs.filters</c> under the same names.</summary>
public sealed record PairFilterOptions : OptionsRecord
{
    /// <summary>Whether a pair whose prompt, chosen and rejected were already seen is dropped.</summary>
    /// <value>The default value is true.</value>
    public bool DropDuplicates { get; init; } = true;

    /// <summary>The most characters chosen or rejected may have; null for no limit.</summary>
    /// <value>The default value is null.</value>
    [Range(1, int.MaxValue)]
    public int? MaxLength { get; init; }
}
