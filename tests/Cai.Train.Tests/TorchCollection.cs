namespace Cai.Train.Tests;

/// <summary>Tests that touch TorchSharp (global seed, default dtype, thread count) run one at a time in this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
