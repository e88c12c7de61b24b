namespace Cai.Models.Gpt2;

/// <summary>Shape of a GPT-2 decoder. Property names follow HF GPT-2 config.json keys (n_embd, n_layer, ...).</summary>
public sealed record Gpt2Config
{
    /// <summary>Vocabulary size.</summary>
    public int VocabSize { get; init; } = 50257;

    /// <summary>Longest sequence (learned position embeddings).</summary>
    public int NPositions { get; init; } = 1024;

    /// <summary>Model width.</summary>
    public int NEmbd { get; init; } = 768;

    /// <summary>Number of blocks.</summary>
    public int NLayer { get; init; } = 12;

    /// <summary>Number of attention heads.</summary>
    public int NHead { get; init; } = 12;

    /// <summary>LayerNorm epsilon.</summary>
    public double LayerNormEpsilon { get; init; } = 1e-5;

    /// <summary>Beginning-of-sequence token id.</summary>
    public int BosTokenId { get; init; } = 50256;

    /// <summary>End-of-sequence token id.</summary>
    public int EosTokenId { get; init; } = 50256;
}
