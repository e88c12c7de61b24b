using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>Root-mean-square layer norm (Zhang and Sennrich 2019, arXiv 1910.07467), computed in float32 as HF does.</summary>
public sealed class LlamaRmsNorm : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Scalar eps; // kept for the module's life: see KeptScalars

    /// <summary>Creates the norm with a unit scale of width <paramref name="size"/>.</summary>
    public LlamaRmsNorm(string name, long size, double eps) : base(name)
    {
        weight = nn.Parameter(ones(size));
        this.eps = eps.ToScalar();
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var float32 = x.dtype == ScalarType.Float32; // a conversion is a libtorch call even when it changes nothing
        var x32 = float32 ? x : x.to(ScalarType.Float32);                    // (B, T, C)
        var norm = x32 * x32.pow(KeptScalars.Two).mean([-1], keepdim: true).add(eps, KeptScalars.One).rsqrt(); // (B, T, C)
        return (weight * (float32 ? norm : norm.to(x.dtype))).MoveToOuterDisposeScope();
    }
}
