namespace Cai.Cli.Tests.Eval;

/// <summary>CLI tests that load real models run one at a time (torch state is global; the machine has 2 cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTorchCollection
{
    public const string Name = "cli-torch";
}
