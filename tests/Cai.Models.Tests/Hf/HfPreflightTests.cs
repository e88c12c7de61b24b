using System.Text.Json.Nodes;
using Cai.Models.Export;
using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;

namespace Cai.Models.Tests.Hf;

/// <summary>
/// config.json is checked against the safetensors headers and memory before the model is built: a config that
/// would allocate until the machine runs out of memory (or crash in libtorch) is one line naming config.json and the field.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class HfPreflightTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-preflight-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Converted(Action<JsonObject> edit)
    {
        Llama2cToHf.Convert(Stories260K.ModelPath, dir);
        var path = Path.Combine(dir, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public void Load_MillionLayers_RefusedNamingConfigAndFieldBeforeAllocating()
    {
        var config = Converted(c => c["num_hidden_layers"] = 1_000_000);

        var error = Assert.Throws<HfFormatException>(() => LocalModel.Load(dir));

        Assert.Equal($"{config}: field 'num_hidden_layers': 1000000 layers, but the checkpoint holds 5", error.Message);
    }

    [Fact]
    public void Load_BillionHiddenSize_RefusedNamingConfigAndFieldBeforeAllocating()
    {
        var config = Converted(c => c["hidden_size"] = 1_000_000_000);

        var error = Assert.Throws<HfFormatException>(() => LocalModel.Load(dir));

        Assert.Equal($"{config}: field 'hidden_size': 1000000000, but model.embed_tokens.weight in model.safetensors is [512, 64]",
            error.Message);
    }

    [Fact]
    public void Load_WrongIntermediateSize_EveryMismatchedTensorNamed()
    {
        var config = Converted(c => c["intermediate_size"] = 100);

        var error = Assert.Throws<HfFormatException>(() => LocalModel.Load(dir));

        Assert.StartsWith($"{config}: config disagrees with the checkpoint: model.layers.0.mlp.gate_proj.weight is [", error.Message);
        Assert.Contains("expected [100, 64] from intermediate_size, hidden_size", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Check_ModelLargerThanMemory_RefusedNamingTheDominantField()
    {
        Converted(_ => { });
        var config = HfConfigIO.Read(dir);
        var header = HfCheckpoint.ReadHeaders(HfCheckpoint.ResolveFiles(dir));

        var error = Assert.Throws<HfFormatException>(() => HfPreflight.Check("config.json", config, header, availableBytes: 100_000));

        Assert.StartsWith("config.json: field 'num_hidden_layers': the model would have 2.", error.Message);
        Assert.EndsWith("more than the 0.0 GB of memory available", error.Message);
        HfPreflight.Check("config.json", config, header, availableBytes: 100_000_000); // the same model fits in 100 MB
    }

    public static TheoryData<string> Configs => ["llama-tied", "qwen2-untied", "gpt2"];

    [Theory]
    [MemberData(nameof(Configs))]
    public void ExpectedTensors_EqualTheModulesStateDict(string kind)
    {
        var llama = new LlamaConfig
        {
            VocabSize = 40, HiddenSize = 16, IntermediateSize = 24, NumHiddenLayers = 2, NumAttentionHeads = 4,
            NumKeyValueHeads = 2, TieWordEmbeddings = kind == "llama-tied", AttentionBias = kind == "qwen2-untied",
            ModelType = kind == "qwen2-untied" ? "qwen2" : "llama",
        };
        var gpt2 = new Gpt2Config { VocabSize = 40, NEmbd = 16, NLayer = 2, NHead = 4, NPositions = 32 };
        HfModelConfig config = kind == "gpt2" ? new() { ModelType = "gpt2", Gpt2 = gpt2, EosTokenIds = [] }
            : new() { ModelType = llama.ModelType, Llama = llama, EosTokenIds = [] };
        using CausalLanguageModel module = kind == "gpt2" ? new Gpt2LMHeadModel(gpt2) : new LlamaForCausalLM(llama);

        var expected = HfExpectedTensors.Of(config).ToDictionary(t => t.Name, t => t.Tensor.Shape);
        var actual = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        Assert.All(actual, kv => Assert.Equal(kv.Value, expected[kv.Key]));
        var size = HfExpectedTensors.Size.Of(config);
        Assert.Equal(actual.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b)), (long)size.Parameters);
    }
}
