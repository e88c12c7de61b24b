using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;
using Cai.Models.Llama2c;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Export;

/// <summary>Tiny random GPT-2 and Qwen2 models saved as HF folders and loaded back through <see cref="LocalModel.Load"/>.</summary>
[Collection(TorchCollection.Name)]
public sealed class HfFolderRoundTripTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-hf-folder-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public void Load_Gpt2Folder_KeysShapesAndLogitsMatchSaved()
    {
        manual_seed(5);
        using var source = new Gpt2LMHeadModel(new Gpt2Config { VocabSize = 512, NPositions = 32, NEmbd = 8, NLayer = 1, NHead = 2, BosTokenId = 1, EosTokenId = 2 });
        HfConfigIO.Write(tempDir, source.Config);
        HfCheckpoint.Save(source, tempDir);
        File.Copy(Stories260K.TokenizerPath, Path.Combine(tempDir, Llama2cTokenizerFiles.Default));

        using var loaded = LocalModel.Load(tempDir);

        Assert.Equal("gpt2", loaded.Info.Architecture);
        Assert.Equal(
            [
                "transformer.h.0.attn.c_attn.bias [24]", "transformer.h.0.attn.c_attn.weight [8, 24]",
                "transformer.h.0.attn.c_proj.bias [8]", "transformer.h.0.attn.c_proj.weight [8, 8]",
                "transformer.h.0.ln_1.bias [8]", "transformer.h.0.ln_1.weight [8]",
                "transformer.h.0.ln_2.bias [8]", "transformer.h.0.ln_2.weight [8]",
                "transformer.h.0.mlp.c_fc.bias [32]", "transformer.h.0.mlp.c_fc.weight [8, 32]",
                "transformer.h.0.mlp.c_proj.bias [8]", "transformer.h.0.mlp.c_proj.weight [32, 8]",
                "transformer.ln_f.bias [8]", "transformer.ln_f.weight [8]",
                "transformer.wpe.weight [32, 8]", "transformer.wte.weight [512, 8]",
            ],
            Snapshot(Path.Combine(tempDir, HfCheckpoint.SingleFile)));
        AssertSameLogits(source, loaded.Module);
    }

    [Fact]
    public void Load_Qwen2Folder_KeysShapesAndLogitsMatchSaved()
    {
        manual_seed(6);
        var config = new LlamaConfig
        {
            ModelType = "qwen2", VocabSize = 512, HiddenSize = 8, IntermediateSize = 16, NumHiddenLayers = 1,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 32, AttentionBias = true,
        };
        using var source = new LlamaForCausalLM(config);
        HfConfigIO.Write(tempDir, config);
        HfCheckpoint.Save(source, tempDir);
        File.Copy(Stories260K.TokenizerPath, Path.Combine(tempDir, Llama2cTokenizerFiles.Default));

        using var loaded = LocalModel.Load(tempDir);

        Assert.Equal("qwen2", loaded.Info.Architecture);
        Assert.Equal(
            [
                "lm_head.weight [512, 8]", "model.embed_tokens.weight [512, 8]",
                "model.layers.0.input_layernorm.weight [8]", "model.layers.0.mlp.down_proj.weight [8, 16]",
                "model.layers.0.mlp.gate_proj.weight [16, 8]", "model.layers.0.mlp.up_proj.weight [16, 8]",
                "model.layers.0.post_attention_layernorm.weight [8]",
                "model.layers.0.self_attn.k_proj.bias [4]", "model.layers.0.self_attn.k_proj.weight [4, 8]",
                "model.layers.0.self_attn.o_proj.weight [8, 8]",
                "model.layers.0.self_attn.q_proj.bias [8]", "model.layers.0.self_attn.q_proj.weight [8, 8]",
                "model.layers.0.self_attn.v_proj.bias [4]", "model.layers.0.self_attn.v_proj.weight [4, 8]",
                "model.norm.weight [8]",
            ],
            Snapshot(Path.Combine(tempDir, HfCheckpoint.SingleFile)));
        AssertSameLogits(source, loaded.Module);
    }

    [Fact]
    public void Load_Llama3RopeScaling_RoundTripsAndChangesTheModel()
    {
        manual_seed(7);
        var plain = new LlamaConfig
        {
            VocabSize = 512, HiddenSize = 32, IntermediateSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 2,
            MaxPositionEmbeddings = 64, RopeTheta = 500000,
        };
        var scaled = plain with { RopeScaling = new RopeScaling("llama3", 32, 1, 4, 8) };
        using var source = new LlamaForCausalLM(scaled);
        HfConfigIO.Write(tempDir, scaled);
        HfCheckpoint.Save(source, tempDir);
        File.Copy(Stories260K.TokenizerPath, Path.Combine(tempDir, Llama2cTokenizerFiles.Default));

        using var loaded = LocalModel.Load(tempDir);
        using var unscaled = new LlamaForCausalLM(plain);
        unscaled.load_state_dict(source.state_dict());

        Assert.Equal(scaled.RopeScaling, HfConfigIO.ReadLlama(tempDir).RopeScaling);
        AssertSameLogits(source, loaded.Module);
        using var _ = no_grad();
        var ids = tensor(new long[] { 1, 7, 300, 42, 9 }).unsqueeze(0);
        Assert.True((unscaled.Forward(ids) - source.Forward(ids)).abs().max().item<float>() > 1e-4, "rope_scaling must change the logits");
    }

    [Fact]
    public void Load_RopeScaling_RefusesNamingConfig()
    {
        var config = new LlamaConfig { VocabSize = 512, HiddenSize = 8, IntermediateSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 2 };
        HfConfigIO.Write(tempDir, config);
        var path = Path.Combine(tempDir, "config.json");
        File.WriteAllText(path, File.ReadAllText(path).TrimEnd().TrimEnd('}') + ", \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}}");

        var e = Assert.Throws<NotSupportedException>(() => LocalModel.Load(tempDir));

        Assert.Contains("config.json", e.Message);
        Assert.Contains("yarn", e.Message);
    }

    static IEnumerable<string> Snapshot(string safetensors) =>
        SafetensorsFile.ReadHeader(safetensors).Select(e => $"{e.Name} [{string.Join(", ", e.Shape)}]").Order(StringComparer.Ordinal);

    static void AssertSameLogits(CausalLanguageModel expected, CausalLanguageModel actual)
    {
        using var _ = no_grad();
        var ids = tensor(new long[] { 1, 7, 300, 42, 9 }).unsqueeze(0);
        Assert.Equal(0f, (actual.Forward(ids) - expected.Forward(ids)).abs().max().item<float>());
    }
}
