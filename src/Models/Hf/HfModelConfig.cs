using Cai.Models.Gpt2;
using Cai.Models.Llama;

namespace Cai.Models.Hf;

/// <summary>
/// What a config.json describes: exactly one of <see cref="Llama"/> or <see cref="Gpt2"/>, plus the fields the
/// config records cannot hold (every EOS id when config.json lists several).
/// </summary>
public sealed record HfModelConfig
{
    /// <summary>config.json's model_type (llama, qwen2, mistral, gpt2).</summary>
    public required string ModelType { get; init; }

    /// <summary>The Llama-family shape, or null for GPT-2.</summary>
    public LlamaConfig? Llama { get; init; }

    /// <summary>The GPT-2 shape, or null for the Llama family.</summary>
    public Gpt2Config? Gpt2 { get; init; }

    /// <summary>Every end-of-sequence id (Llama 3 lists several); the config records keep the first.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>rope_scaling, or null when RoPE is unscaled; a loader must apply it or refuse the model.</summary>
    public HfRopeScaling? RopeScaling { get; init; }

    /// <summary>Vocabulary size of whichever model this is.</summary>
    public int VocabSize => Llama?.VocabSize ?? Gpt2!.VocabSize;
}
