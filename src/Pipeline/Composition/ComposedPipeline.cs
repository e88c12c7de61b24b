using Cai.Core.Constitutions;
using Cai.Core.Runs;
using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Composition;

/// <summary>A pipeline ready to run: its steps in order, the manifest to start from, and what it was built from.</summary>
public sealed class ComposedPipeline : IAsyncDisposable
{
    internal ComposedPipeline(IReadOnlyList<IPipelineStep> steps, IReadOnlyList<int> inputsPerPrompt, RunManifest manifest,
        Constitution constitution, ModelClients clients)
        => (Steps, InputsPerPrompt, Manifest, Constitution, Clients) = (steps, inputsPerPrompt, manifest, constitution, clients);

    /// <summary>The steps in dataflow order.</summary>
    public IReadOnlyList<IPipelineStep> Steps { get; }

    /// <summary>
    /// How many inputs one prompt brings to each step, in step order (a prompt, its k samples, one group): with the
    /// number of prompts, what each step will have received at the end, for progress bars with a remaining time.
    /// </summary>
    public IReadOnlyList<int> InputsPerPrompt { get; }

    /// <summary>The manifest with config, constitution, models, code version and seed filled in.</summary>
    public RunManifest Manifest { get; }

    /// <summary>The loaded constitution.</summary>
    public Constitution Constitution { get; }

    /// <summary>The model clients (disposed with the pipeline).</summary>
    public ModelClients Clients { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var step in Steps)
            await step.DisposeAsync().ConfigureAwait(false);
        Clients.Dispose();
    }
}
