using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>
/// A Llama-family causal language model, HF's <c>LlamaForCausalLM</c>: state-dict keys are exactly HF's
/// (<c>model.embed_tokens.weight</c>, <c>model.layers.{i}.self_attn.q_proj.weight</c>, ..., <c>lm_head.weight</c>,
/// the last absent when embeddings are tied).
/// </summary>
public sealed class LlamaForCausalLM : CausalLanguageModel
{
    readonly LlamaModel model;
    readonly Linear? lm_head;

    /// <summary>Creates the model with default-initialised weights (load a checkpoint to make it useful).</summary>
    public LlamaForCausalLM(LlamaConfig config) : base(nameof(LlamaForCausalLM))
    {
        Config = config;
        model = new LlamaModel(nameof(model), config);
        lm_head = config.TieWordEmbeddings ? null : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The shape this model was built with.</summary>
    public LlamaConfig Config { get; }

    /// <inheritdoc/>
    public override int VocabSize => Config.VocabSize;

    /// <inheritdoc/>
    public override int MaxLength => Config.MaxPositionEmbeddings;

    /// <inheritdoc/>
    public override string Architecture => Config.ModelType;

    /// <inheritdoc/>
    public override KvCache CreateCache(int capacity) => new(Config.NumHiddenLayers, capacity);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask = null, KvCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var decoding = IsDecodingStep(inputIds, cache);
        var h = model.Forward(inputIds, positions, keyPaddingMask, cache);                // (B, T, C)
        var logits = Classify(h, lm_head?.weight ?? model.EmbedTokens.weight!, cache, decoding); // (B, T, V)
        return (logits.dtype == ScalarType.Float32 ? logits : logits.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }
}
