using static TorchSharp.torch;

namespace Cai.Cli.Tests.Eval;

/// <summary>CLI tests that load real models run one at a time (torch state is global; the machine has 2 cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTorchCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "cli-torch";
}

/// <summary>One intra-op thread for the tiny model (OpenMP spinning slows a busy 2-core machine); restored afterwards.</summary>
public sealed class SingleThreadedTorch : IDisposable
{
    readonly int previous = get_num_threads();

    public SingleThreadedTorch() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
