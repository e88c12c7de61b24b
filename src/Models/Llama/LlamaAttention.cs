using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>
/// Multi-head self-attention with rotary positions and grouped-query attention (Ainslie et al. 2023,
/// arXiv 2305.13245): several query heads share one key/value head.
/// </summary>
public sealed class LlamaAttention : nn.Module
{
    readonly Linear q_proj;
    readonly Linear k_proj;
    readonly Linear v_proj;
    readonly Linear o_proj;
    readonly int heads;
    readonly int kvHeads;
    readonly int headDim;
    readonly int layerIndex;

    /// <summary>Creates the attention block of layer <paramref name="layerIndex"/>.</summary>
    public LlamaAttention(string name, LlamaConfig config, int layerIndex) : base(name)
    {
        if (config.HiddenSize % config.NumAttentionHeads != 0 || config.NumAttentionHeads % config.NumKeyValueHeads != 0)
            throw new ArgumentException(
                $"hidden_size {config.HiddenSize}, num_attention_heads {config.NumAttentionHeads} and " +
                $"num_key_value_heads {config.NumKeyValueHeads} do not divide evenly.", nameof(config));
        (heads, kvHeads, headDim, this.layerIndex) =
            (config.NumAttentionHeads, config.NumKeyValueHeads, config.HeadDim, layerIndex);
        q_proj = nn.Linear(config.HiddenSize, heads * headDim, hasBias: config.AttentionBias);
        k_proj = nn.Linear(config.HiddenSize, kvHeads * headDim, hasBias: config.AttentionBias);
        v_proj = nn.Linear(config.HiddenSize, kvHeads * headDim, hasBias: config.AttentionBias);
        o_proj = nn.Linear(heads * headDim, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Attends x (B, T, C) to itself and to the cached keys; returns (B, T, C).</summary>
    internal Tensor Forward(Tensor x, RotaryEmbedding rope, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var (b, t) = (x.shape[0], x.shape[1]);
        var q = q_proj.call(x).view(b, t, heads, headDim).transpose(1, 2);   // (B, H, T, D)
        var k = k_proj.call(x).view(b, t, kvHeads, headDim).transpose(1, 2); // (B, Hkv, T, D)
        var v = v_proj.call(x).view(b, t, kvHeads, headDim).transpose(1, 2); // (B, Hkv, T, D)
        q = rope.Apply(q, cos, sin);
        k = rope.Apply(k, cos, sin);
        if (cache is not null)
            (k, v) = cache.Append(layerIndex, k, v);                          // (B, Hkv, S, D)
        k = RepeatKv(k);                                                      // (B, H, S, D)
        v = RepeatKv(v);
        var y = mask is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
            : MaskedAttention(q, k, v, mask);                                 // (B, H, T, D)
        y = y.transpose(1, 2).contiguous().view(b, t, heads * headDim);       // (B, T, C)
        return o_proj.call(y).MoveToOuterDisposeScope();
    }

    Tensor RepeatKv(Tensor kv)
    {
        var groups = heads / kvHeads;
        return groups == 1 ? kv : kv.repeat_interleave(groups, dim: 1);
    }

    Tensor MaskedAttention(Tensor q, Tensor k, Tensor v, Tensor mask)
    {
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(headDim);   // (B, H, T, S)
        scores = scores.masked_fill(mask.logical_not(), float.NegativeInfinity);
        return scores.softmax(-1).matmul(v);                                 // (B, H, T, D)
    }
}
