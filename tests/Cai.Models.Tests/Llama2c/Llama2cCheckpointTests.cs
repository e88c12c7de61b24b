using Cai.Models.Llama;
using Cai.Models.Llama2c;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Llama2c;

[Collection(TorchCollection.Name)]
public class Llama2cCheckpointTests
{
    [Fact]
    public void ReadConfig_Stories260K_MatchesGoldenHeader()
    {
        var golden = Stories260K.Golden.GetProperty("config");
        var config = Llama2cCheckpoint.ReadConfig(Stories260K.ModelPath);
        Assert.Equal(golden.GetProperty("dim").GetInt32(), config.HiddenSize);
        Assert.Equal(golden.GetProperty("hidden_dim").GetInt32(), config.IntermediateSize);
        Assert.Equal(golden.GetProperty("n_layers").GetInt32(), config.NumHiddenLayers);
        Assert.Equal(golden.GetProperty("n_heads").GetInt32(), config.NumAttentionHeads);
        Assert.Equal(golden.GetProperty("n_kv_heads").GetInt32(), config.NumKeyValueHeads);
        Assert.Equal(golden.GetProperty("vocab_size").GetInt32(), config.VocabSize);
        Assert.Equal(golden.GetProperty("seq_len").GetInt32(), config.MaxPositionEmbeddings);
        Assert.Equal(golden.GetProperty("shared_classifier").GetBoolean(), config.TieWordEmbeddings);
    }

    [Fact]
    public void Load_Stories260K_ParameterCountMatchesGolden()
    {
        Assert.Equal(Stories260K.Golden.GetProperty("config").GetProperty("n_params").GetInt64(),
            Stories260K.Model.ParameterCount);
    }

    [Fact]
    public void Forward_FromBos_Top5LogitsMatchGoldenAtPositions0To2()
    {
        var ids = new long[] { 1 }.Concat(Stories260K.GoldenGreedyIds.Take(2).Select(i => (long)i)).ToArray();
        using var _ = no_grad();
        using var logits = Stories260K.Model.Forward(tensor(ids).unsqueeze(0));
        var top5 = Stories260K.Golden.GetProperty("greedy_from_bos").GetProperty("top5_logits");
        for (var pos = 0; pos < 3; pos++)
        {
            var expected = top5.GetProperty($"pos{pos}").EnumerateArray().ToList();
            var (values, indices) = logits[0, pos].topk(5);
            for (var k = 0; k < 5; k++)
            {
                Assert.Equal(expected[k][0].GetInt64(), indices[k].item<long>());
                Assert.Equal(expected[k][1].GetDouble(), values[k].item<float>(), 1e-4);
            }
        }
    }

    [Fact]
    public void Load_InterleavedLayout_GivesSameLogitsAsHalfSplit()
    {
        var interleaved = Llama2cCheckpoint.Load(Stories260K.ModelPath, RopeLayout.Interleaved);
        var ids = tensor(new long[] { 1, 403, 407, 261, 378, 432, 383 }).unsqueeze(0);
        using var _ = no_grad();
        var expected = Stories260K.Model.Forward(ids);
        var actual = interleaved.Forward(ids);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-4), $"max diff {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void StateDict_Stories260K_HasExactlyHfKeys()
    {
        var keys = Stories260K.Model.state_dict().Keys.ToHashSet();
        Assert.Equal(2 + 5 * 9, keys.Count);
        Assert.Contains("model.embed_tokens.weight", keys);
        Assert.Contains("model.norm.weight", keys);
        Assert.DoesNotContain("lm_head.weight", keys);
        foreach (var name in new[] { "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                     "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", "input_layernorm", "post_attention_layernorm" })
            Assert.Contains($"model.layers.4.{name}.weight", keys);
        Assert.Equal([32, 64], Stories260K.Model.state_dict()["model.layers.0.self_attn.k_proj.weight"].shape);
    }

    [Fact]
    public void Load_BadHeader_ThrowsNamingFileAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cai-bad-{Guid.NewGuid():N}.bin");
        var bytes = File.ReadAllBytes(Stories260K.ModelPath);
        BitConverter.GetBytes(-3).CopyTo(bytes, 8); // n_layers
        File.WriteAllBytes(path, bytes);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => Llama2cCheckpoint.Load(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains("n_layers", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cai-short-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(Stories260K.ModelPath)[..5000]);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => Llama2cCheckpoint.Load(path));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
