using static TorchSharp.torch;

namespace Cai.Train.Tests;

/// <summary>Tests that touch TorchSharp (global seed, default dtype, thread count) run one at a time in this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "Torch";
}

/// <summary>
/// One intra-op thread for the collection: tiny models gain nothing from more, and on a busy 2-core machine OpenMP's
/// spinning threads made them 20-30x slower. The previous setting is restored afterwards.
/// </summary>
public sealed class SingleThreadedTorch : IDisposable
{
    readonly int previous = get_num_threads();

    public SingleThreadedTorch() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
