using static TorchSharp.torch;

namespace Cai.Models.Gpt2;

/// <summary>
/// GPT-2 with its tied output head, HF's <c>GPT2LMHeadModel</c>. State-dict keys are HF's
/// (<c>transformer.wte.weight</c>, <c>transformer.h.{i}.attn.c_attn.weight</c> stored [in, out], ...);
/// <c>lm_head.weight</c> is the token embedding and, as in HF's saved safetensors, is not a separate entry.
/// </summary>
public sealed class Gpt2LMHeadModel : CausalLanguageModel
{
    readonly Gpt2Model transformer;

    /// <summary>Creates the model with GPT-2's initialisation (load weights to make it useful).</summary>
    public Gpt2LMHeadModel(Gpt2Config config) : base(nameof(Gpt2LMHeadModel))
    {
        Config = config;
        transformer = new Gpt2Model(nameof(transformer), config);
        RegisterComponents();
    }

    /// <summary>The shape this model was built with.</summary>
    public Gpt2Config Config { get; }

    /// <inheritdoc/>
    public override int VocabSize => Config.VocabSize;

    /// <inheritdoc/>
    public override int MaxLength => Config.NPositions;

    /// <inheritdoc/>
    public override string Architecture => "gpt2";

    /// <inheritdoc/>
    public override KvCache CreateCache(int capacity) => new(Config.NLayer, capacity);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask = null, KvCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var decoding = IsDecodingStep(inputIds, cache);
        var h = transformer.Forward(inputIds, positions, keyPaddingMask, cache);       // (B, T, C)
        return Classify(h, transformer.Wte.weight!, cache, decoding).to(ScalarType.Float32).MoveToOuterDisposeScope(); // (B, T, V)
    }
}
