using static TorchSharp.torch;

namespace Cai.Pipeline.Tests.Evaluation;

/// <summary>Evaluation tests that run real models share one non-parallel, single-threaded torch collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EvaluationTorchCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "evaluation-torch";
}

/// <summary>One intra-op thread for the tiny model (OpenMP spinning slows a busy 2-core machine); restored afterwards.</summary>
public sealed class SingleThreadedTorch : IDisposable
{
    readonly int previous = get_num_threads();

    public SingleThreadedTorch() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
