using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>The decoder stack without the output head: HF's <c>LlamaModel</c> (state-dict prefix <c>model.</c>).</summary>
public sealed class LlamaModel : nn.Module
{
    readonly Embedding embed_tokens;
    readonly ModuleList<LlamaDecoderLayer> layers;
    readonly LlamaRmsNorm norm;
    readonly RotaryEmbedding rope;
    readonly LlamaConfig config;

    /// <summary>Creates the stack for <paramref name="config"/> with default-initialised weights.</summary>
    public LlamaModel(string name, LlamaConfig config) : base(name)
    {
        this.config = config;
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<LlamaDecoderLayer>(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(i => new LlamaDecoderLayer($"{i}", config, i)).ToArray());
        norm = new LlamaRmsNorm(nameof(norm), config.HiddenSize, config.RmsNormEps);
        rope = new RotaryEmbedding(config.HeadDim, config.RopeTheta, config.RopeLayout, config.RopeScaling, config.MaxPositionEmbeddings);
        RegisterComponents();
    }

    /// <summary>The token embedding, shared with lm_head when embeddings are tied.</summary>
    internal Embedding EmbedTokens => embed_tokens;

    /// <summary>Final hidden states (B, T, C); see <see cref="CausalLanguageModel.Forward(Tensor, Tensor, Tensor?, KvCache?)"/>.</summary>
    internal Tensor Forward(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var x = embed_tokens.call(inputIds);                                  // (B, T, C)
        var (cos, sin) = rope.Angles(positions);                              // (B, 1, T, D/2)
        var (mask, causal) = AttentionMask.ForForward(keyPaddingMask, inputIds.shape[0], inputIds.shape[1], cache,
            config.SlidingWindow, x.device);                                  // (B|1, 1, T, S)
        foreach (var layer in layers)
            x = layer.Forward(x, rope, cos, sin, mask, causal, cache);        // (B, T, C)
        return norm.call(x).MoveToOuterDisposeScope();
    }
}
