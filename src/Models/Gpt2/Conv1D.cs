using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>
/// GPT-2's "Conv1D": a linear layer whose weight is stored [in, out] (transposed from nn.Linear), exactly as HF
/// checkpoints hold it, so weights load without transposing.
/// </summary>
public sealed class Conv1D : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter bias;

    /// <summary>Creates the layer with N(0, 0.02) weights and zero bias, GPT-2's initialisation.</summary>
    public Conv1D(string name, long inFeatures, long outFeatures) : base(name)
    {
        weight = nn.Parameter(normal(0, 0.02, [inFeatures, outFeatures]));
        bias = nn.Parameter(zeros(outFeatures));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => addmm(bias, x.flatten(0, -2), weight, 1, 1).unflatten(0, x.shape[..^1]); // (..., out)
}
