namespace Cai.Models.Llama;

/// <summary>How rotary position embeddings pair up the dimensions of a head.</summary>
public enum RopeLayout
{
    /// <summary>Adjacent pairs (0,1), (2,3), ... as llama2.c and Meta's original code apply them.</summary>
    Interleaved,

    /// <summary>First half with second half (i, i + d/2) as HF transformers' rotate_half applies them.</summary>
    HalfSplit,
}

/// <summary>
/// Shape of a Llama-family decoder (Llama 2/3, Qwen2, SmolLM, TinyLlama, Mistral). Property names follow HF
/// config.json keys so that reading and writing config.json is a rename to snake_case.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>The architecture family written to config.json (<c>llama</c>, <c>qwen2</c>, <c>mistral</c>).</summary>
    public string ModelType { get; init; } = "llama";

    /// <summary>Vocabulary size.</summary>
    public int VocabSize { get; init; } = 32000;

    /// <summary>Model width (dim in llama2.c).</summary>
    public int HiddenSize { get; init; } = 4096;

    /// <summary>SwiGLU inner width (hidden_dim in llama2.c).</summary>
    public int IntermediateSize { get; init; } = 11008;

    /// <summary>Number of decoder blocks.</summary>
    public int NumHiddenLayers { get; init; } = 32;

    /// <summary>Number of query heads.</summary>
    public int NumAttentionHeads { get; init; } = 32;

    /// <summary>Number of key/value heads (grouped-query attention when smaller than the query heads).</summary>
    public int NumKeyValueHeads { get; init; } = 32;

    /// <summary>Longest sequence the model supports.</summary>
    public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>RMSNorm epsilon.</summary>
    public double RmsNormEps { get; init; } = 1e-5;

    /// <summary>RoPE base frequency.</summary>
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Pairing of RoPE dimensions; HF checkpoints use <see cref="RopeLayout.HalfSplit"/>.</summary>
    public RopeLayout RopeLayout { get; init; } = RopeLayout.HalfSplit;

    /// <summary>rope_scaling (linear or llama3), or null for plain RoPE.</summary>
    /// <value>The default value is null.</value>
    public RopeScaling? RopeScaling { get; init; }

    /// <summary>Whether lm_head shares the token embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Whether q/k/v projections have biases (true for Qwen2).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Sliding-window attention span (Mistral); null for full attention.</summary>
    public int? SlidingWindow { get; init; }

    /// <summary>Beginning-of-sequence token id.</summary>
    public int BosTokenId { get; init; } = 1;

    /// <summary>End-of-sequence token id.</summary>
    public int EosTokenId { get; init; } = 2;

    /// <summary>Width of one attention head.</summary>
    public int HeadDim => HiddenSize / NumAttentionHeads;
}
