namespace Cai.Models.Hf;

/// <summary>
/// The state-dict tensors (names and shapes) that <see cref="Llama.LlamaForCausalLM"/> and
/// <see cref="Gpt2.Gpt2LMHeadModel"/> build from a config, computed from the config alone so a checkpoint can be
/// checked before any tensor is allocated. A test compares them with the modules' real state dicts.
/// </summary>
internal static class HfExpectedTensors
{
    /// <summary>One expected tensor: its shape and the config fields that set it (for messages).</summary>
    public sealed record Tensor(long[] Shape, string Fields);

    /// <summary>The sizes that decide whether a model fits: vocabulary, width, depth and parameter counts.</summary>
    public sealed record Size(long Vocab, long Hidden, long Layers, double LayerParameters, double Parameters, string LayersField, string HiddenField)
    {
        /// <summary>The sizes of <paramref name="config"/>.</summary>
        public static Size Of(HfModelConfig config)
        {
            if (config.Llama is { } c)
            {
                double h = c.HiddenSize, kv = (double)c.NumKeyValueHeads * c.HeadDim, i = c.IntermediateSize, v = c.VocabSize;
                var layer = 2 * h * h + 2 * kv * h + (c.AttentionBias ? h + 2 * kv : 0) + 3 * i * h + 2 * h;
                var total = v * h * (c.TieWordEmbeddings ? 1 : 2) + h + layer * c.NumHiddenLayers;
                return new Size(c.VocabSize, c.HiddenSize, c.NumHiddenLayers, layer, total, "num_hidden_layers", "hidden_size");
            }
            var g = config.Gpt2!;
            double e = g.NEmbd;
            var block = 12 * e * e + 13 * e;
            return new Size(g.VocabSize, g.NEmbd, g.NLayer, block, (double)g.VocabSize * e + (double)g.NPositions * e + 2 * e + block * g.NLayer,
                "n_layer", "n_embd");
        }
    }

    /// <summary>Every tensor of the module <paramref name="config"/> describes, by state-dict key.</summary>
    public static IEnumerable<(string Name, Tensor Tensor)> Of(HfModelConfig config) =>
        config.Llama is { } llama ? Llama(llama) : Gpt2(config.Gpt2!);

    static IEnumerable<(string, Tensor)> Llama(Llama.LlamaConfig c)
    {
        long h = c.HiddenSize, kv = (long)c.NumKeyValueHeads * c.HeadDim, inter = c.IntermediateSize, v = c.VocabSize;
        yield return ("model.embed_tokens.weight", new([v, h], "vocab_size, hidden_size"));
        for (var i = 0; i < c.NumHiddenLayers; i++)
        {
            var p = $"model.layers.{i}.";
            yield return (p + "self_attn.q_proj.weight", new([h, h], "hidden_size"));
            yield return (p + "self_attn.k_proj.weight", new([kv, h], "num_key_value_heads, hidden_size"));
            yield return (p + "self_attn.v_proj.weight", new([kv, h], "num_key_value_heads, hidden_size"));
            if (c.AttentionBias)
            {
                yield return (p + "self_attn.q_proj.bias", new([h], "hidden_size"));
                yield return (p + "self_attn.k_proj.bias", new([kv], "num_key_value_heads"));
                yield return (p + "self_attn.v_proj.bias", new([kv], "num_key_value_heads"));
            }
            yield return (p + "self_attn.o_proj.weight", new([h, h], "hidden_size"));
            yield return (p + "mlp.gate_proj.weight", new([inter, h], "intermediate_size, hidden_size"));
            yield return (p + "mlp.up_proj.weight", new([inter, h], "intermediate_size, hidden_size"));
            yield return (p + "mlp.down_proj.weight", new([h, inter], "hidden_size, intermediate_size"));
            yield return (p + "input_layernorm.weight", new([h], "hidden_size"));
            yield return (p + "post_attention_layernorm.weight", new([h], "hidden_size"));
        }
        yield return ("model.norm.weight", new([h], "hidden_size"));
        if (!c.TieWordEmbeddings)
            yield return ("lm_head.weight", new([v, h], "vocab_size, hidden_size"));
    }

    static IEnumerable<(string, Tensor)> Gpt2(Gpt2.Gpt2Config c)
    {
        long e = c.NEmbd;
        yield return ("transformer.wte.weight", new([c.VocabSize, e], "vocab_size, n_embd"));
        yield return ("transformer.wpe.weight", new([c.NPositions, e], "n_positions, n_embd"));
        for (var i = 0; i < c.NLayer; i++)
        {
            var p = $"transformer.h.{i}.";
            yield return (p + "ln_1.weight", new([e], "n_embd"));
            yield return (p + "ln_1.bias", new([e], "n_embd"));
            yield return (p + "attn.c_attn.weight", new([e, 3 * e], "n_embd"));
            yield return (p + "attn.c_attn.bias", new([3 * e], "n_embd"));
            yield return (p + "attn.c_proj.weight", new([e, e], "n_embd"));
            yield return (p + "attn.c_proj.bias", new([e], "n_embd"));
            yield return (p + "ln_2.weight", new([e], "n_embd"));
            yield return (p + "ln_2.bias", new([e], "n_embd"));
            yield return (p + "mlp.c_fc.weight", new([e, 4 * e], "n_embd"));
            yield return (p + "mlp.c_fc.bias", new([4 * e], "n_embd"));
            yield return (p + "mlp.c_proj.weight", new([4 * e, e], "n_embd"));
            yield return (p + "mlp.c_proj.bias", new([e], "n_embd"));
        }
        yield return ("transformer.ln_f.weight", new([e], "n_embd"));
        yield return ("transformer.ln_f.bias", new([e], "n_embd"));
    }
}
