using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>One pre-norm GPT-2 block: x + attn(ln_1(x)), then h + mlp(ln_2(h)).</summary>
public sealed class Gpt2Block : nn.Module
{
    readonly LayerNorm ln_1;
    readonly Gpt2Attention attn;
    readonly LayerNorm ln_2;
    readonly Gpt2Mlp mlp;

    /// <summary>Creates block <paramref name="layerIndex"/>.</summary>
    public Gpt2Block(string name, Gpt2Config config, int layerIndex) : base(name)
    {
        ln_1 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        attn = new Gpt2Attention(nameof(attn), config, layerIndex);
        ln_2 = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        mlp = new Gpt2Mlp(nameof(mlp), config);
        RegisterComponents();
    }

    internal Tensor Forward(Tensor x, Tensor? mask, bool causal, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = x.Plus(attn.Forward(ln_1.call(x), mask, causal, cache));                // (B, T, C)
        return h.Plus(mlp.call(ln_2.call(h))).MoveToOuterDisposeScope();      // (B, T, C)
    }
}
