using Cai.Models.Generation;
using Cai.Models.Gpt2;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Gpt2;

[Collection(TorchCollection.Name)]
public class Gpt2LMHeadModelTests
{
    static readonly Gpt2Config Tiny = new() { VocabSize = 29, NPositions = 16, NEmbd = 12, NLayer = 2, NHead = 3 };

    static Gpt2LMHeadModel NewModel()
    {
        manual_seed(99);
        return new Gpt2LMHeadModel(Tiny);
    }

    [Fact]
    public void StateDict_KeysAndShapesMatchHfGpt2LMHeadModel()
    {
        var shapes = NewModel().state_dict().ToDictionary(kv => kv.Key, kv => string.Join("x", kv.Value.shape));
        var expected = new Dictionary<string, string>
        {
            ["transformer.wte.weight"] = "29x12", ["transformer.wpe.weight"] = "16x12",
            ["transformer.ln_f.weight"] = "12", ["transformer.ln_f.bias"] = "12",
        };
        for (var i = 0; i < 2; i++)
        {
            var p = $"transformer.h.{i}.";
            expected[p + "ln_1.weight"] = "12";
            expected[p + "ln_1.bias"] = "12";
            expected[p + "attn.c_attn.weight"] = "12x36";
            expected[p + "attn.c_attn.bias"] = "36";
            expected[p + "attn.c_proj.weight"] = "12x12";
            expected[p + "attn.c_proj.bias"] = "12";
            expected[p + "ln_2.weight"] = "12";
            expected[p + "ln_2.bias"] = "12";
            expected[p + "mlp.c_fc.weight"] = "12x48";
            expected[p + "mlp.c_fc.bias"] = "48";
            expected[p + "mlp.c_proj.weight"] = "48x12";
            expected[p + "mlp.c_proj.bias"] = "12";
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key), shapes.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Forward_WithKvCache_EqualsFullForward()
    {
        Assert.True(ModelChecks.CachedVersusFullMaxDiff(NewModel(), [3, 7, 11, 20, 2, 9, 28]) < 1e-5);
    }

    [Fact]
    public void Forward_LeftPaddedRow_EqualsRowAlone()
    {
        var diff = ModelChecks.LeftPaddedVersusAloneMaxDiff(NewModel(), [4, 8], [1, 2, 3, 4, 5]);
        Assert.True(diff < 1e-5, $"max diff {diff}");
    }

    [Fact]
    public void Forward_Logits_HaveVocabWidthAndDependOnInput()
    {
        var model = NewModel();
        using var _ = no_grad();
        var a = model.Forward(tensor(new long[] { 1, 2, 3 }).unsqueeze(0));
        var b = model.Forward(tensor(new long[] { 1, 2, 4 }).unsqueeze(0));
        Assert.Equal([1, 3, 29], a.shape);
        Assert.Equal(0f, (a[0, ..2] - b[0, ..2]).abs().max().item<float>());
        Assert.True((a[0, 2] - b[0, 2]).abs().max().item<float>() > 1e-6);
    }

    [Fact]
    public void Generate_BatchedSampling_WithAndWithoutCacheAgree()
    {
        var generator = new TextGenerator(NewModel(), new FakeCharTokenizer());
        var options = new GenerationOptions { MaxNewTokens = 8, Seed = 5, NumReturnSequences = 2 };
        var cached = generator.Generate(["ab", "hello wor"], options);
        var uncached = generator.Generate(["ab", "hello wor"], options with { UseCache = false });
        Assert.Equal(4, cached.Count);
        Assert.Equal(cached.Select(r => r.Ids), uncached.Select(r => r.Ids));
        Assert.Equal(cached.Select(r => r.Text), uncached.Select(r => r.Text));
    }
}
