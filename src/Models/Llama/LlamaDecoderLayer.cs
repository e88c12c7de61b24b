using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>One pre-norm decoder block: x + attn(norm(x)), then h + mlp(norm(h)).</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
    readonly LlamaAttention self_attn;
    readonly LlamaMlp mlp;
    readonly LlamaRmsNorm input_layernorm;
    readonly LlamaRmsNorm post_attention_layernorm;

    /// <summary>Creates block <paramref name="layerIndex"/>.</summary>
    public LlamaDecoderLayer(string name, LlamaConfig config, int layerIndex) : base(name)
    {
        self_attn = new LlamaAttention(nameof(self_attn), config, layerIndex);
        mlp = new LlamaMlp(nameof(mlp), config);
        input_layernorm = new LlamaRmsNorm(nameof(input_layernorm), config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new LlamaRmsNorm(nameof(post_attention_layernorm), config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    internal Tensor Forward(Tensor x, RotaryEmbedding rope, Tensor cos, Tensor sin, Tensor? mask, bool causal, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = x.Plus(self_attn.Forward(input_layernorm.call(x), rope, cos, sin, mask, causal, cache)); // (B, T, C)
        return h.Plus(mlp.call(post_attention_layernorm.call(h))).MoveToOuterDisposeScope();   // (B, T, C)
    }
}
