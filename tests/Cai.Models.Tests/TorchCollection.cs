using static TorchSharp.torch;

namespace Cai.Models.Tests;

/// <summary>Torch tests that compare exact values or seed torch share one non-parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "torch";
}

/// <summary>
/// Runs the collection with one intra-op thread: the tiny test models gain nothing from more, and on a busy
/// 2-core CI machine OpenMP's spinning threads made them 20-30x slower. The previous setting is restored afterwards.
/// </summary>
public sealed class SingleThreadedTorch : IDisposable
{
    readonly int previous = get_num_threads();

    public SingleThreadedTorch() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
