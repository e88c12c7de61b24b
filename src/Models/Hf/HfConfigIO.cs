using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Core.Storage;
using Cai.Models.Gpt2;
using Cai.Models.Llama;

namespace Cai.Models.Hf;

/// <summary>Reads and writes HF transformers config.json for the Llama family (llama, qwen2, mistral) and GPT-2.</summary>
public static class HfConfigIO
{
    /// <summary>The file's name in a model folder.</summary>
    public const string FileName = "config.json";

    /// <summary>The model_type values this reader understands.</summary>
    public static IReadOnlyList<string> SupportedModelTypes { get; } = ["llama", "qwen2", "mistral", "gpt2"];

    /// <summary>Reads a config.json (a file, or a folder holding one).</summary>
    /// <exception cref="HfFormatException">A field is missing or invalid; the message names file and field.</exception>
    public static HfModelConfig Read(string path)
    {
        if (Directory.Exists(path))
            path = Path.Combine(path, FileName);
        var json = JsonFields.Load(path);
        var type = json.String("model_type") ?? throw new HfFormatException(path, "model_type", "required but missing");
        var eos = json.IntOrList("eos_token_id");
        return type switch
        {
            "llama" or "qwen2" or "mistral" => LlamaFamily(json, type, eos),
            "gpt2" => new HfModelConfig { ModelType = type, Gpt2 = ReadGpt2(json, eos), EosTokenIds = eos },
            _ => throw new HfFormatException(path, "model_type",
                $"unsupported value '{type}'; expected one of {string.Join(", ", SupportedModelTypes)}"),
        };
    }

    // A rope_scaling this build computes goes into the LlamaConfig; one it cannot stays only on HfModelConfig, where
    // loaders see it and refuse the model.
    static HfModelConfig LlamaFamily(JsonFields json, string type, IReadOnlyList<int> eos)
    {
        var scaling = HfRopeScaling.Read(json);
        var llama = ReadLlama(json, type, eos);
        if (scaling?.ToLlama() is { } rope && rope.Problem() is null)
            llama = llama with { RopeScaling = rope };
        return new HfModelConfig { ModelType = type, Llama = llama, EosTokenIds = eos, RopeScaling = scaling };
    }

    /// <summary>Reads a config.json that must describe a Llama-family model.</summary>
    public static LlamaConfig ReadLlama(string path) =>
        Read(path).Llama ?? throw new HfFormatException(path, "model_type", "expected llama, qwen2 or mistral, found gpt2");

    /// <summary>Reads a config.json that must describe a GPT-2 model.</summary>
    public static Gpt2Config ReadGpt2(string path) =>
        Read(path) is { Gpt2: { } g } ? g : throw new HfFormatException(path, "model_type", "expected gpt2");

    /// <summary>Writes <paramref name="config"/> as a config.json that HF transformers loads.</summary>
    /// <param name="path">The file to write (a folder gets config.json inside it).</param>
    /// <param name="config">The model shape.</param>
    /// <param name="eosTokenIds">Every EOS id, when there are several; defaults to the config's one.</param>
    public static void Write(string path, LlamaConfig config, IReadOnlyList<int>? eosTokenIds = null)
    {
        var o = new JsonObject
        {
            ["architectures"] = new JsonArray(Architecture(config.ModelType)),
            ["model_type"] = config.ModelType,
            ["vocab_size"] = config.VocabSize,
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["num_hidden_layers"] = config.NumHiddenLayers,
            ["num_attention_heads"] = config.NumAttentionHeads,
            ["num_key_value_heads"] = config.NumKeyValueHeads,
            ["max_position_embeddings"] = config.MaxPositionEmbeddings,
            ["rms_norm_eps"] = config.RmsNormEps,
            ["rope_theta"] = config.RopeTheta,
            ["tie_word_embeddings"] = config.TieWordEmbeddings,
            ["hidden_act"] = "silu",
            ["bos_token_id"] = config.BosTokenId,
            ["eos_token_id"] = EosNode(config.EosTokenId, eosTokenIds),
            ["torch_dtype"] = "float32",
        };
        if (config.ModelType != "qwen2")
            o["attention_bias"] = config.AttentionBias; // Qwen2 always has q/k/v biases and has no such key.
        if (config.ModelType != "llama")
            o["sliding_window"] = config.SlidingWindow;
        if (config.ModelType == "qwen2")
            o["use_sliding_window"] = false;
        if (config.RopeScaling is { } rope)
        {
            var scaling = new JsonObject { ["rope_type"] = rope.Type, ["factor"] = rope.Factor };
            if (rope.LowFreqFactor is { } low)
                scaling["low_freq_factor"] = low;
            if (rope.HighFreqFactor is { } high)
                scaling["high_freq_factor"] = high;
            if (rope.OriginalMaxPositionEmbeddings is { } original)
                scaling["original_max_position_embeddings"] = original;
            o["rope_scaling"] = scaling;
        }
        WriteConfig(path, o);
    }

    /// <summary>Writes <paramref name="config"/> as a GPT-2 config.json that HF transformers loads.</summary>
    public static void Write(string path, Gpt2Config config) =>
        WriteConfig(path, new JsonObject
        {
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["model_type"] = "gpt2",
            ["vocab_size"] = config.VocabSize,
            ["n_embd"] = config.NEmbd,
            ["n_layer"] = config.NLayer,
            ["n_head"] = config.NHead,
            ["n_positions"] = config.NPositions,
            ["n_ctx"] = config.NPositions,
            ["layer_norm_epsilon"] = config.LayerNormEpsilon,
            ["activation_function"] = "gelu_new",
            ["bos_token_id"] = config.BosTokenId,
            ["eos_token_id"] = config.EosTokenId,
            ["tie_word_embeddings"] = true,
            ["torch_dtype"] = "float32",
        });

    static LlamaConfig ReadLlama(JsonFields json, string type, IReadOnlyList<int> eos)
    {
        var heads = json.PositiveInt("num_attention_heads");
        var hidden = json.PositiveInt("hidden_size");
        if (hidden % heads != 0)
            throw new HfFormatException(json.File, "hidden_size", $"{hidden} is not divisible by num_attention_heads {heads}");
        if (json.OptionalInt("head_dim") is { } headDim && headDim != hidden / heads)
            throw new HfFormatException(json.File, "head_dim", $"{headDim} differs from hidden_size / num_attention_heads = {hidden / heads}, which this decoder assumes");
        var kvHeads = json.PositiveInt("num_key_value_heads", heads);
        if (heads % kvHeads != 0)
            throw new HfFormatException(json.File, "num_key_value_heads", $"{kvHeads} does not divide num_attention_heads {heads}");
        var defaults = new LlamaConfig();
        return new LlamaConfig
        {
            ModelType = type,
            VocabSize = json.PositiveInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = json.PositiveInt("intermediate_size"),
            NumHiddenLayers = json.PositiveInt("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = kvHeads,
            MaxPositionEmbeddings = json.PositiveInt("max_position_embeddings", defaults.MaxPositionEmbeddings),
            RmsNormEps = json.Double("rms_norm_eps", defaults.RmsNormEps),
            RopeTheta = json.Double("rope_theta", defaults.RopeTheta),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", false),
            AttentionBias = type == "qwen2" || json.Bool("attention_bias", false),
            SlidingWindow = type == "qwen2" && !json.Bool("use_sliding_window", false) ? null : json.OptionalInt("sliding_window"),
            BosTokenId = json.Int("bos_token_id", defaults.BosTokenId),
            EosTokenId = eos.Count > 0 ? eos[0] : defaults.EosTokenId,
        };
    }

    static Gpt2Config ReadGpt2(JsonFields json, IReadOnlyList<int> eos)
    {
        var defaults = new Gpt2Config();
        var embd = json.PositiveInt("n_embd");
        var head = json.PositiveInt("n_head");
        if (embd % head != 0)
            throw new HfFormatException(json.File, "n_embd", $"{embd} is not divisible by n_head {head}");
        return new Gpt2Config
        {
            VocabSize = json.PositiveInt("vocab_size"),
            NEmbd = embd,
            NLayer = json.PositiveInt("n_layer"),
            NHead = head,
            NPositions = json.PositiveInt("n_positions", defaults.NPositions),
            LayerNormEpsilon = json.Double("layer_norm_epsilon", defaults.LayerNormEpsilon),
            BosTokenId = json.Int("bos_token_id", defaults.BosTokenId),
            EosTokenId = eos.Count > 0 ? eos[0] : defaults.EosTokenId,
        };
    }

    static string Architecture(string modelType) => modelType switch
    {
        "llama" => "LlamaForCausalLM",
        "qwen2" => "Qwen2ForCausalLM",
        "mistral" => "MistralForCausalLM",
        _ => throw new ArgumentException($"LlamaConfig.ModelType '{modelType}' is not llama, qwen2 or mistral", nameof(modelType)),
    };

    static JsonNode EosNode(int eos, IReadOnlyList<int>? all) =>
        all is { Count: > 1 } ? new JsonArray([.. all.Select(i => JsonValue.Create(i))]) : JsonValue.Create(eos);

    static void WriteConfig(string path, JsonObject o) =>
        WriteJson(Directory.Exists(path) ? Path.Combine(path, FileName) : path, o);

    /// <summary>
    /// Writes <paramref name="json"/> indented, as the Hub's files are, to <paramref name="path"/> atomically: the one
    /// writer of an HF folder's JSON files (config, generation config, shard index, tokenizer files).
    /// </summary>
    internal static void WriteJson(string path, JsonNode json) => AtomicFile.WriteAllText(path, json.ToJsonString(Indented) + "\n");

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
