using static TorchSharp.torch;

namespace Cai.Models.Hf;

/// <summary>
/// Matches a module's state-dict keys to a checkpoint's tensor names: which checkpoint tensor fills each key, and
/// what is missing, unexpected or mis-shaped.
/// </summary>
internal sealed class HfKeyPlan
{
    public HfKeyPlan(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, long[]> found, HfCheckpointOptions options)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, tensor) in expected)
        {
            var source = FindSource(key, found, options);
            if (source is null)
            {
                Missing.Add(key);
                continue;
            }
            used.Add(source);
            Sources[key] = source;
            var want = options.IsTransposed(key) ? tensor.shape.Reverse().ToArray() : tensor.shape;
            if (!found[source].SequenceEqual(want))
                Mismatched.Add($"{key}: checkpoint [{string.Join(", ", found[source])}] vs expected [{string.Join(", ", want)}]");
        }
        // Older checkpoints carry the RoPE table as a buffer; it is recomputed, never loaded.
        Unexpected.AddRange(found.Keys.Where(k => !used.Contains(k) && !k.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal)
                                                   && !options.IgnoreUnexpectedKeys).Order(StringComparer.Ordinal));
    }

    /// <summary>Module key to checkpoint name.</summary>
    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public List<string> Missing { get; } = [];

    public List<string> Unexpected { get; } = [];

    public List<string> Mismatched { get; } = [];

    public void ThrowIfInvalid(string file)
    {
        if (Missing.Count + Unexpected.Count + Mismatched.Count == 0)
            return;
        var parts = new List<string>();
        if (Missing.Count > 0)
            parts.Add($"missing keys: {string.Join(", ", Missing)}");
        if (Unexpected.Count > 0)
            parts.Add($"unexpected keys: {string.Join(", ", Unexpected)}");
        if (Mismatched.Count > 0)
            parts.Add($"shape mismatches: {string.Join("; ", Mismatched)}");
        throw new HfFormatException(file, null, "checkpoint does not match the module; " + string.Join("; ", parts));
    }

    static string? FindSource(string key, IReadOnlyDictionary<string, long[]> found, HfCheckpointOptions options)
    {
        if (found.ContainsKey(key))
            return key;
        // openai-community/gpt2 stores GPT2Model keys without the "transformer." prefix of GPT2LMHeadModel.
        if (key.StartsWith("transformer.", StringComparison.Ordinal) && found.ContainsKey(key["transformer.".Length..]))
            return key["transformer.".Length..];
        if (key == "lm_head.weight" && options.AllowTiedHead)
            foreach (var embedding in HfCheckpoint.TiedEmbeddingKeys)
                if (FindSource(embedding, found, options) is { } source)
                    return source;
        return null;
    }
}
