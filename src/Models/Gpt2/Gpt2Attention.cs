using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>GPT-2 multi-head causal self-attention with fused q/k/v projection (c_attn) and output projection (c_proj).</summary>
public sealed class Gpt2Attention : nn.Module
{
    readonly Conv1D c_attn;
    readonly Conv1D c_proj;
    readonly int heads;
    readonly int width;
    readonly int layerIndex;

    /// <summary>Creates the attention of block <paramref name="layerIndex"/>.</summary>
    public Gpt2Attention(string name, Gpt2Config config, int layerIndex) : base(name)
    {
        if (config.NEmbd % config.NHead != 0)
            throw new ArgumentException($"n_embd {config.NEmbd} is not divisible by n_head {config.NHead}.", nameof(config));
        (heads, width, this.layerIndex) = (config.NHead, config.NEmbd, layerIndex);
        c_attn = new Conv1D(nameof(c_attn), width, 3 * width);
        c_proj = new Conv1D(nameof(c_proj), width, width);
        RegisterComponents();
    }

    /// <summary>Attends x (B, T, C); mask and causal as in <c>LlamaAttention.Forward</c>.</summary>
    internal Tensor Forward(Tensor x, Tensor? mask, bool causal, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var (b, t, d) = (x.shape[0], x.shape[1], width / heads);
        var qkv = c_attn.call(x).split(width, dim: 2);                      // 3 x (B, T, C)
        var q = qkv[0].view(b, t, heads, d).transpose(1, 2);                // (B, H, T, D)
        var k = qkv[1].view(b, t, heads, d).transpose(1, 2);
        var v = qkv[2].view(b, t, heads, d).transpose(1, 2);
        if (cache is not null)
            (k, v) = cache.Append(layerIndex, k, v);                         // (B, H, S, D)
        var y = nn.functional.scaled_dot_product_attention(q, k, v, mask, is_casual: mask is null && causal); // (B, H, T, D)
        y = y.transpose(1, 2).contiguous().view(b, t, width);              // (B, T, C)
        return c_proj.call(y).MoveToOuterDisposeScope();
    }
}
