using System.Runtime.InteropServices;
using Cai.Models.Llama;
using static TorchSharp.torch;

namespace Cai.Models.Llama2c;

/// <summary>
/// Reads Karpathy's llama2.c checkpoints (legacy v0 layout: a 7 x int32 header, then float32 weights; a negative
/// vocab_size means an untied classifier follows the RoPE tables).
/// </summary>
public static class Llama2cCheckpoint
{
    const int HeaderBytes = 7 * sizeof(int);

    /// <summary>Reads just the header of <paramref name="path"/> as a HF-style config.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not a plausible llama2.c header.</exception>
    public static LlamaConfig ReadConfig(string path, RopeLayout layout = RopeLayout.HalfSplit)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"llama2.c checkpoint '{path}' not found.", path);
        using var stream = File.OpenRead(path);
        if (stream.Length < HeaderBytes)
            throw new InvalidDataException($"{path}: {stream.Length} bytes is too short for the 28-byte llama2.c header.");
        using var reader = new BinaryReader(stream);
        var h = Enumerable.Range(0, 7).Select(_ => reader.ReadInt32()).ToArray();
        string[] fields = ["dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"];
        for (var i = 0; i < h.Length; i++)
            if (i != 5 && (h[i] <= 0 || h[i] > 1 << 20) || i == 5 && (h[i] == 0 || Math.Abs((long)h[i]) > 1 << 22))
                throw new InvalidDataException(
                    $"{path}: header field {fields[i]} (int32 #{i}, byte {i * 4}) = {h[i]} is not a valid llama2.c value.");
        if (h[0] % h[3] != 0 || h[3] % h[4] != 0 || h[0] / h[3] % 2 != 0)
            throw new InvalidDataException(
                $"{path}: header dim={h[0]}, n_heads={h[3]}, n_kv_heads={h[4]} do not divide into even head sizes.");
        return new LlamaConfig
        {
            ModelType = "llama",
            HiddenSize = h[0],
            IntermediateSize = h[1],
            NumHiddenLayers = h[2],
            NumAttentionHeads = h[3],
            NumKeyValueHeads = h[4],
            VocabSize = Math.Abs(h[5]),
            MaxPositionEmbeddings = h[6],
            TieWordEmbeddings = h[5] > 0,
            RmsNormEps = 1e-5,
            RopeTheta = 10000.0,
            RopeLayout = layout,
            BosTokenId = 1,
            EosTokenId = 2,
        };
    }

    /// <summary>
    /// Loads a llama2.c checkpoint. With <see cref="RopeLayout.HalfSplit"/> (the default) the q/k rows are permuted
    /// the way HF's conversion script does, so the model is HF-layout and exports as-is; with
    /// <see cref="RopeLayout.Interleaved"/> the weights stay as llama2.c stores them. Both give the same logits.
    /// </summary>
    public static LlamaForCausalLM Load(string path, RopeLayout layout = RopeLayout.HalfSplit)
    {
        var config = ReadConfig(path, layout);
        CheckSize(path, config);
        var model = new LlamaForCausalLM(config);
        using var scope = NewDisposeScope(); // the staging tensors; the model's parameters were made outside it
        using var stream = File.OpenRead(path);
        stream.Seek(HeaderBytes, SeekOrigin.Begin);
        var reader = new WeightReader(stream);
        var (c, l, kvDim, headDim) = (config.HiddenSize, config.NumHiddenLayers, config.NumKeyValueHeads * config.HeadDim, config.HeadDim);
        var weights = new Dictionary<string, Tensor> { ["model.embed_tokens.weight"] = reader.Take(config.VocabSize, c) };
        void PerLayer(string key, Func<Tensor, Tensor>? fix, params long[] shape)
        {
            for (var i = 0; i < l; i++)
            {
                var t = reader.Take(shape);
                weights[$"model.layers.{i}.{key}"] = fix is null ? t : fix(t);
            }
        }
        Func<Tensor, Tensor>? Permute(int heads) =>
            layout == RopeLayout.HalfSplit ? w => ToHalfSplit(w, heads) : null;
        PerLayer("input_layernorm.weight", null, c);
        PerLayer("self_attn.q_proj.weight", Permute(config.NumAttentionHeads), c, c);
        PerLayer("self_attn.k_proj.weight", Permute(config.NumKeyValueHeads), kvDim, c);
        PerLayer("self_attn.v_proj.weight", null, kvDim, c);
        PerLayer("self_attn.o_proj.weight", null, c, c);
        PerLayer("post_attention_layernorm.weight", null, c);
        PerLayer("mlp.gate_proj.weight", null, config.IntermediateSize, c);
        PerLayer("mlp.down_proj.weight", null, c, config.IntermediateSize);
        PerLayer("mlp.up_proj.weight", null, config.IntermediateSize, c);
        weights["model.norm.weight"] = reader.Take(c);
        reader.Skip((long)config.MaxPositionEmbeddings * headDim); // freq_cis_real and freq_cis_imag: recomputed
        if (!config.TieWordEmbeddings)
            weights["lm_head.weight"] = reader.Take(config.VocabSize, c);
        StateDictLoader.CopyInto(model, weights, path);
        return model;
    }

    /// <summary>
    /// Reorders q/k rows of each head from interleaved pairs (0,1),(2,3),... to halves (i, i + d/2), HF's
    /// <c>permute</c> in convert_llama_weights_to_hf.py.
    /// </summary>
    internal static Tensor ToHalfSplit(Tensor w, int heads)
    {
        var (rows, cols) = (w.shape[0], w.shape[1]);
        return w.view(heads, rows / heads / 2, 2, cols).transpose(1, 2).reshape(rows, cols); // (rows, cols)
    }

    static void CheckSize(string path, LlamaConfig cfg)
    {
        long c = cfg.HiddenSize, l = cfg.NumHiddenLayers, kv = cfg.NumKeyValueHeads * cfg.HeadDim, f = cfg.IntermediateSize;
        var expected = cfg.VocabSize * c + l * (2 * c + 2 * c * c + 2 * kv * c + 3 * c * f) + c
            + (long)cfg.MaxPositionEmbeddings * cfg.HeadDim + (cfg.TieWordEmbeddings ? 0 : cfg.VocabSize * c);
        var actual = (new FileInfo(path).Length - HeaderBytes) / sizeof(float);
        if (actual < expected)
            throw new InvalidDataException(
                $"{path}: holds {actual} float32 weights after the header but the header (dim={c}, n_layers={l}, " +
                $"vocab_size={cfg.VocabSize}) needs {expected}; the file is truncated or not a llama2.c v0 checkpoint.");
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("llama2.c checkpoints are little-endian; this machine is not.");
    }

    /// <summary>Reads consecutive float32 tensors from the file, one at a time, so large checkpoints stream.</summary>
    sealed class WeightReader(Stream stream)
    {
        public Tensor Take(params long[] shape)
        {
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return tensor(values, shape);
        }

        public void Skip(long count) => stream.Seek(count * sizeof(float), SeekOrigin.Current);
    }
}
