using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>GPT-2 feed-forward block: c_proj(gelu_new(c_fc(x))) with a 4x inner width.</summary>
public sealed class Gpt2Mlp : nn.Module<Tensor, Tensor>
{
    static readonly Scalar GeluCubic = 0.044715.ToScalar();
    static readonly Scalar GeluScale = Math.Sqrt(2 / Math.PI).ToScalar();
    readonly Conv1D c_fc;
    readonly Conv1D c_proj;

    /// <summary>Creates the block for <paramref name="config"/>.</summary>
    public Gpt2Mlp(string name, Gpt2Config config) : base(name)
    {
        c_fc = new Conv1D(nameof(c_fc), config.NEmbd, 4 * config.NEmbd);
        c_proj = new Conv1D(nameof(c_proj), 4 * config.NEmbd, config.NEmbd);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = c_fc.call(x);                                                               // (B, T, 4C)
        // gelu_new, the tanh approximation GPT-2 was trained with (Hendrycks and Gimpel 2016, arXiv 1606.08415).
        var inner = h.Plus(h.pow(KeptScalars.Three).mul(GeluCubic)).mul(GeluScale).tanh();       // (B, T, 4C)
        h = h.mul(KeptScalars.Half).mul(inner.add(KeptScalars.One, KeptScalars.One));             // (B, T, 4C)
        return c_proj.call(h).MoveToOuterDisposeScope();                                     // (B, T, C)
    }
}
