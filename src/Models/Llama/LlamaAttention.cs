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

    /// <summary>
    /// Attends x (B, T, C) to itself and to the cached keys; returns (B, T, C). <paramref name="mask"/> is
    /// (B|1, 1, T, S) bool (true = may attend) or null; without one, <paramref name="causal"/> says whether the T
    /// tokens attend causally (a fresh sequence) or to the whole prefix (one new token per row).
    /// </summary>
    internal Tensor Forward(Tensor x, RotaryEmbedding rope, Tensor cos, Tensor sin, Tensor? mask, bool causal, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var (b, t) = (x.shape[0], x.shape[1]);
        var q = q_proj.call(x).view(b, t, heads, headDim).transpose(1, 2);   // (B, H, T, D)
        var k = k_proj.call(x).view(b, t, kvHeads, headDim).transpose(1, 2); // (B, Hkv, T, D)
        var v = v_proj.call(x).view(b, t, kvHeads, headDim).transpose(1, 2); // (B, Hkv, T, D)
        // Queries and keys rotate in one call (the rotation is elementwise, so each value is what it is alone): a
        // decoding step of a small model costs what its number of libtorch calls costs.
        var rotated = rope.Apply(cat([q, k], 1), cos, sin);                 // (B, H + Hkv, T, D)
        (q, k) = (rotated.narrow(1, 0, heads), rotated.narrow(1, heads, kvHeads));
        if (cache is not null)
            (k, v) = cache.Append(layerIndex, k, v);                          // (B, Hkv, S, D)
        var groups = heads / kvHeads;
        Tensor y;
        if (t == 1 && groups > 1)
        {
            // One query per row: the G query heads that share a key/value head become G queries of that head, so the
            // cached keys are read in place instead of copied G times.
            var grouped = q.reshape(b, kvHeads, groups, headDim);             // (B, Hkv, G, D)
            y = nn.functional.scaled_dot_product_attention(grouped, k, v, mask)
                .reshape(b, heads, 1, headDim);                                // (B, H, 1, D)
        }
        else
        {
            k = RepeatKv(k, groups);                                          // (B, H, S, D)
            v = RepeatKv(v, groups);
            y = nn.functional.scaled_dot_product_attention(q, k, v, mask, is_casual: mask is null && causal); // (B, H, T, D)
        }
        y = y.transpose(1, 2).contiguous().view(b, t, heads * headDim);       // (B, T, C)
        return o_proj.call(y).MoveToOuterDisposeScope();
    }

    static Tensor RepeatKv(Tensor kv, int groups) => groups == 1 ? kv : kv.repeat_interleave(groups, dim: 1);
}
