namespace Cai.Models.Tests;

/// <summary>Torch tests that compare exact values or seed torch share one non-parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
