using Cai.Models.Hf;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Hf;

public class HfCheckpointTests
{
    [Fact]
    public void Save_TinyModule_WritesHfKeysAndShapes()
    {
        var dir = HfTestFiles.TempDir();

        HfCheckpoint.Save(new TinyHfModule().Randomize(1), dir);

        var header = SafetensorsFile.ReadHeader(Path.Combine(dir, HfCheckpoint.SingleFile));
        Assert.Equal(
            [
                "lm_head.weight [11, 6]", "model.embed_tokens.weight [11, 6]",
                "model.layers.0.self_attn.o_proj.weight [6, 6]", "model.layers.0.self_attn.q_proj.bias [6]",
                "model.layers.0.self_attn.q_proj.weight [6, 6]", "model.layers.1.self_attn.o_proj.weight [6, 6]",
                "model.layers.1.self_attn.q_proj.bias [6]", "model.layers.1.self_attn.q_proj.weight [6, 6]",
                "model.norm.bias [6]", "model.norm.weight [6]",
            ],
            header.Select(e => $"{e.Name} [{string.Join(", ", e.Shape)}]").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public void SaveThenLoad_SingleFile_IsBitExact(ScalarType dtype)
    {
        var source = new TinyHfModule(dtype: dtype).Randomize(1);
        var target = new TinyHfModule(dtype: dtype).Randomize(2);
        var dir = HfTestFiles.TempDir();

        HfCheckpoint.Save(source, dir);
        HfCheckpoint.Load(target, dir);

        AssertBitExact(source, target);
    }

    [Fact]
    public void SaveThenLoad_SmallMaxShardSize_ShardsWithIndexAndRoundTrips()
    {
        var source = new TinyHfModule().Randomize(1);
        var target = new TinyHfModule().Randomize(2);
        var dir = HfTestFiles.TempDir();

        var written = HfCheckpoint.Save(source, dir, new HfCheckpointOptions { MaxShardSize = 200 });
        HfCheckpoint.Load(target, dir);

        Assert.Contains(Path.Combine(dir, HfCheckpoint.IndexFile), written);
        Assert.True(written.Count > 3, $"expected several shards, got {string.Join(", ", written)}");
        Assert.Contains(Path.Combine(dir, $"model-00001-of-{written.Count - 1:D5}.safetensors"), written);
        Assert.False(File.Exists(Path.Combine(dir, HfCheckpoint.SingleFile)));
        AssertBitExact(source, target);
    }

    [Fact]
    public void Load_MissingKey_ListsMissingAndUnexpected()
    {
        var dir = HfTestFiles.TempDir();
        var tensors = new TinyHfModule().Randomize(1).state_dict();
        tensors.Remove("model.layers.1.self_attn.q_proj.bias");
        tensors["model.extra.weight"] = zeros(2);
        SafetensorsFile.Write(Path.Combine(dir, HfCheckpoint.SingleFile), tensors);

        var e = Assert.Throws<HfFormatException>(() => HfCheckpoint.Load(new TinyHfModule(), dir));

        Assert.Contains("missing keys: model.layers.1.self_attn.q_proj.bias", e.Message);
        Assert.Contains("unexpected keys: model.extra.weight", e.Message);
        Assert.Contains(HfCheckpoint.SingleFile, e.Message);
    }

    [Fact]
    public void Load_ShapeMismatch_NamesKeyAndShapes()
    {
        var dir = HfTestFiles.TempDir();
        HfCheckpoint.Save(new TinyHfModule(dim: 6), dir);

        var e = Assert.Throws<HfFormatException>(() => HfCheckpoint.Load(new TinyHfModule(dim: 4), dir));

        Assert.Contains("model.norm.weight: checkpoint [6] vs expected [4]", e.Message);
        Assert.Contains("model.embed_tokens.weight: checkpoint [11, 6] vs expected [11, 4]", e.Message);
    }

    [Fact]
    public void Load_TiedCheckpointWithoutHead_FillsHeadFromEmbedding()
    {
        var dir = HfTestFiles.TempDir();
        var tensors = new TinyHfModule().Randomize(1).state_dict();
        tensors.Remove("lm_head.weight");
        SafetensorsFile.Write(Path.Combine(dir, HfCheckpoint.SingleFile), tensors);
        var target = new TinyHfModule().Randomize(2);

        HfCheckpoint.Load(target, dir);

        var loaded = target.state_dict();
        Assert.True(loaded["lm_head.weight"].bytes.SequenceEqual(tensors["model.embed_tokens.weight"].bytes));
        Assert.Throws<HfFormatException>(() =>
            HfCheckpoint.Load(new TinyHfModule(), dir, new HfCheckpointOptions { AllowTiedHead = false }));
    }

    [Fact]
    public void ReadHeader_TruncatedFile_ThrowsNamingFile()
    {
        var dir = HfTestFiles.TempDir();
        var path = Path.Combine(dir, HfCheckpoint.SingleFile);
        HfCheckpoint.Save(new TinyHfModule(), dir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var e = Assert.Throws<HfFormatException>(() => SafetensorsFile.ReadHeader(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("data_offsets", e.Message);
    }

[Fact]
    public void SaveThenLoad_TransposedKey_StoresTransposedAndRoundTrips()
    {
        var options = new HfCheckpointOptions { Transposed = key => key == "model.embed_tokens.weight" };
        var source = new TinyHfModule().Randomize(1);
        var target = new TinyHfModule().Randomize(2);
        var dir = HfTestFiles.TempDir();

        HfCheckpoint.Save(source, dir, options);
        HfCheckpoint.Load(target, dir, options);

        var stored = SafetensorsFile.Read(Path.Combine(dir, HfCheckpoint.SingleFile))["model.embed_tokens.weight"];
        Assert.Equal([6L, 11L], stored.shape);
        Assert.True(stored.t().contiguous().bytes.SequenceEqual(source.state_dict()["model.embed_tokens.weight"].bytes));
        AssertBitExact(source, target);
        Assert.Throws<HfFormatException>(() => HfCheckpoint.Load(new TinyHfModule(), dir));
    }

    [Theory]
    [InlineData("transformer.h.0.attn.c_attn.weight", true)]
    [InlineData("transformer.h.11.mlp.c_proj.weight", true)]
    [InlineData("transformer.h.0.attn.c_attn.bias", false)]
    [InlineData("transformer.wte.weight", false)]
    public void Gpt2Conv1D_Keys_MatchOnlyConv1DWeights(string key, bool expected) =>
        Assert.Equal(expected, HfCheckpointOptions.Gpt2Conv1D(key));

    static void AssertBitExact(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys)
            Assert.True(a[key].bytes.SequenceEqual(b[key].bytes), $"{key} differs after the round trip");
    }
}
