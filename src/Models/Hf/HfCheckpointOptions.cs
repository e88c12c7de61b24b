namespace Cai.Models.Hf;

/// <summary>How <see cref="HfCheckpoint"/> saves and loads safetensors checkpoints.</summary>
public sealed record HfCheckpointOptions
{
    /// <summary>Largest shard in bytes when saving; a bigger state dict is split into model-0000k-of-0000n.safetensors plus an index, as save_pretrained's max_shard_size does.</summary>
    /// <value>The default value is 5,000,000,000 (HF's "5GB").</value>
    public long MaxShardSize { get; init; } = 5_000_000_000;

    /// <summary>Whether loading accepts a checkpoint without lm_head.weight, filling it from the token embedding (tie_word_embeddings).</summary>
    /// <value>The default value is true.</value>
    public bool AllowTiedHead { get; init; } = true;

    /// <summary>Whether loading tolerates keys in the checkpoint that the module does not have (they are skipped).</summary>
    /// <value>The default value is false: an unexpected key is an error.</value>
    public bool IgnoreUnexpectedKeys { get; init; }

    /// <summary>
    /// Module keys whose 2-D weight is stored transposed in the checkpoint: HF GPT-2 keeps Conv1D weights as
    /// (in, out) where an <c>nn.Linear</c> holds (out, in). They are transposed on load and on save.
    /// </summary>
    /// <value>The default value is null: nothing is transposed. <see cref="Gpt2Conv1D"/> fits a GPT-2 built from Linear layers.</value>
    public Func<string, bool>? Transposed { get; init; }

    /// <summary>The GPT-2 Conv1D weights: attn.c_attn, attn.c_proj, mlp.c_fc and mlp.c_proj.</summary>
    public static Func<string, bool> Gpt2Conv1D { get; } = key =>
        key.EndsWith(".attn.c_attn.weight", StringComparison.Ordinal) || key.EndsWith(".attn.c_proj.weight", StringComparison.Ordinal)
        || key.EndsWith(".mlp.c_fc.weight", StringComparison.Ordinal) || key.EndsWith(".mlp.c_proj.weight", StringComparison.Ordinal);

    internal bool IsTransposed(string key) => Transposed?.Invoke(key) == true;
}
