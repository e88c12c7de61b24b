using Cai.Core.Options;
using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;

namespace Cai.Models.Tests.Hf;

public class HfConfigIOTests
{
    [Fact]
    public void Read_TinyLlamaConfig_MapsEveryField()
    {
        var c = HfConfigIO.ReadLlama(HfTestFiles.Data("configs", "llama.json"));

        Assert.Equal(new LlamaConfig
        {
            ModelType = "llama", VocabSize = 32000, HiddenSize = 2048, IntermediateSize = 5632, NumHiddenLayers = 22,
            NumAttentionHeads = 32, NumKeyValueHeads = 4, MaxPositionEmbeddings = 2048, RmsNormEps = 1e-5,
            RopeTheta = 10000, TieWordEmbeddings = false, AttentionBias = false, SlidingWindow = null,
            BosTokenId = 1, EosTokenId = 2,
        }, c);
    }

    [Fact]
    public void Read_Qwen2WithEosList_TakesFirstEosKeepsListAndSetsBias()
    {
        var c = HfConfigIO.Read(HfTestFiles.Data("configs", "qwen2.json"));

        Assert.Equal("qwen2", c.ModelType);
        Assert.True(c.Llama!.AttentionBias);
        Assert.True(c.Llama.TieWordEmbeddings);
        Assert.Null(c.Llama.SlidingWindow); // use_sliding_window is false
        Assert.Equal(151645, c.Llama.EosTokenId);
        Assert.Equal([151645, 151643], c.EosTokenIds);
        Assert.Equal(1e6, c.Llama.RopeTheta);
    }

    [Fact]
    public void Read_MistralWithoutOptionalKeys_UsesDefaultsAndSlidingWindow()
    {
        var c = HfConfigIO.ReadLlama(HfTestFiles.Data("configs", "mistral.json"));

        Assert.Equal(4096, c.SlidingWindow);
        Assert.Equal(8, c.NumKeyValueHeads);
        Assert.Equal(new LlamaConfig().RmsNormEps, c.RmsNormEps);
    }

    [Fact]
    public void Read_NoKeyValueHeads_DefaultsToAttentionHeads()
    {
        var path = HfTestFiles.WriteTemp("config.json",
            """{"model_type":"llama","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""");

        Assert.Equal(2, HfConfigIO.ReadLlama(path).NumKeyValueHeads);
    }

    [Fact]
    public void Read_Gpt2_MapsFields()
    {
        var c = HfConfigIO.ReadGpt2(HfTestFiles.Data("configs", "gpt2.json"));

        Assert.Equal(new Gpt2Config(), c); // the fixture is GPT-2 small, whose shape is the record's default
    }

    [Theory]
    [InlineData("""{"model_type":"llama","hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""", "vocab_size", "missing")]
    [InlineData("""{"model_type":"llama","vocab_size":"ten","hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""", "vocab_size", "integer")]
    [InlineData("""{"model_type":"llama","vocab_size":10,"hidden_size":9,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2}""", "hidden_size", "divisible")]
    [InlineData("""{"model_type":"bert"}""", "model_type", "unsupported")]
    [InlineData("""{"model_type":"gpt2","vocab_size":10,"n_embd":8,"n_layer":0,"n_head":2}""", "n_layer", "positive")]
    public void Read_BadField_ThrowsNamingFileAndField(string json, string field, string reason)
    {
        var path = HfTestFiles.WriteTemp("config.json", json);

        var e = Assert.Throws<HfFormatException>(() => HfConfigIO.Read(path));

        Assert.Equal(field, e.Field);
        Assert.Contains(path, e.Message);
        Assert.Contains($"'{field}'", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Read_InvalidJson_ReportsLine()
    {
        var path = HfTestFiles.WriteTemp("config.json", "{\n  \"model_type\": \"llama\",\n  oops\n}");

        var e = Assert.Throws<HfFormatException>(() => HfConfigIO.Read(path));

        Assert.Contains("line 3", e.Message);
    }

    [Theory]
    [InlineData("llama.json", "LlamaForCausalLM")]
    [InlineData("qwen2.json", "Qwen2ForCausalLM")]
    [InlineData("mistral.json", "MistralForCausalLM")]
    public void Write_LlamaFamily_RoundTripsWithArchitecture(string fixture, string architecture)
    {
        var original = HfConfigIO.Read(HfTestFiles.Data("configs", fixture));
        var dir = HfTestFiles.TempDir();

        HfConfigIO.Write(dir, original.Llama!, original.EosTokenIds);
        var text = File.ReadAllText(Path.Combine(dir, "config.json"));
        var back = HfConfigIO.Read(dir);

        Assert.Equal(original.Llama, back.Llama);
        Assert.Equal(original.EosTokenIds, back.EosTokenIds);
        Assert.Contains($"\"{architecture}\"", text);
        Assert.Contains("\"torch_dtype\": \"float32\"", text);
    }

    [Fact]
    public void Write_Gpt2_RoundTripsWithArchitecture()
    {
        var original = new Gpt2Config { VocabSize = 512, NEmbd = 64, NLayer = 2, NHead = 4, NPositions = 128 };
        var dir = HfTestFiles.TempDir();

        HfConfigIO.Write(dir, original);

        Assert.Equal(original, HfConfigIO.ReadGpt2(dir));
        Assert.Contains("\"GPT2LMHeadModel\"", File.ReadAllText(Path.Combine(dir, "config.json")));
    }

    [Fact]
    public void ReadGenerationConfig_Llama3Style_ReadsEveryField()
    {
        var g = HfGenerationConfig.Read(HfTestFiles.Data("configs", "generation_config.json"));

        Assert.Equal(new HfGenerationConfig
        {
            Sampling = new SamplingOptions { MaxTokens = 256, Temperature = 0.6, TopP = 0.9, TopK = 50 },
            DoSample = true, BosTokenId = 128000, EosTokenIds = g.EosTokenIds,
        }, g);
        Assert.Equal([128001, 128008, 128009], g.EosTokenIds);
    }

    [Fact]
    public void ReadGenerationConfig_DoSampleFalse_IsGreedyWhateverTheTemperature()
    {
        var path = HfTestFiles.WriteTemp("generation_config.json", """{"do_sample": false, "temperature": 0.6, "top_p": 0.9}""");

        var g = HfGenerationConfig.Read(path);

        Assert.Equal(new SamplingOptions { Temperature = 0, TopP = 0.9 }, g.Sampling);
    }

    [Fact]
    public void ReadGenerationConfig_MaxNewTokensAboveTheLimit_IsReadAsTheLimit()
    {
        var path = HfTestFiles.WriteTemp("generation_config.json", """{"max_new_tokens": 100000}""");

        Assert.Equal(ConfigLimits.MaxTokens, HfGenerationConfig.Read(path).Sampling.MaxTokens);
    }

    [Theory]
    [InlineData("""{"max_new_tokens": 0}""", "max_new_tokens")]
    [InlineData("""{"temperature": -1}""", "temperature")]
    [InlineData("""{"top_k": -1}""", "top_k")]
    public void ReadGenerationConfig_OutOfTheDeclaredRange_NamesTheFilesField(string json, string field)
    {
        var path = HfTestFiles.WriteTemp("generation_config.json", json);

        var e = Assert.Throws<HfFormatException>(() => HfGenerationConfig.Read(path));

        Assert.Equal(field, e.Field);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadGenerationConfig_TopPOutOfRange_NamesField()
    {
        var path = HfTestFiles.WriteTemp("generation_config.json", """{"top_p": 1.5}""");

        var e = Assert.Throws<HfFormatException>(() => HfGenerationConfig.Read(path));

        Assert.Equal("top_p", e.Field);
    }

    [Fact]
    public void Read_Llama32WithRopeScaling_ExposesScaling()
    {
        var c = HfConfigIO.Read(HfTestFiles.Data("configs", "llama3.json"));

        Assert.Equal(new HfRopeScaling
        {
            RopeType = "llama3", Factor = 32, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 8192,
        }, c.RopeScaling);
        Assert.Equal(64, c.Llama!.HeadDim);
        Assert.Equal(128001, c.Llama.EosTokenId);
        Assert.Null(HfConfigIO.Read(HfTestFiles.Data("configs", "llama.json")).RopeScaling);
    }

    [Fact]
    public void Read_HeadDimDisagrees_ThrowsNamingField()
    {
        var path = HfTestFiles.WriteTemp("config.json",
            """{"model_type":"llama","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2,"head_dim":8}""");

        Assert.Equal("head_dim", Assert.Throws<HfFormatException>(() => HfConfigIO.Read(path)).Field);
    }
}
