using Cai.Models.Llama;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Llama;

[Collection(TorchCollection.Name)]
public class LlamaForCausalLMTests
{
    static readonly LlamaConfig Tiny = new()
    {
        VocabSize = 40, HiddenSize = 16, IntermediateSize = 24, NumHiddenLayers = 2, NumAttentionHeads = 4,
        NumKeyValueHeads = 2, MaxPositionEmbeddings = 32, AttentionBias = true, TieWordEmbeddings = false,
    };

    static LlamaForCausalLM NewModel(LlamaConfig config)
    {
        manual_seed(1234);
        return new LlamaForCausalLM(config);
    }

    [Fact]
    public void StateDict_UntiedWithBias_KeysAndShapesMatchHf()
    {
        var shapes = NewModel(Tiny).state_dict().ToDictionary(kv => kv.Key, kv => string.Join("x", kv.Value.shape));
        var expected = new Dictionary<string, string>
        {
            ["model.embed_tokens.weight"] = "40x16", ["model.norm.weight"] = "16", ["lm_head.weight"] = "40x16",
        };
        for (var i = 0; i < 2; i++)
        {
            var p = $"model.layers.{i}.";
            expected[p + "self_attn.q_proj.weight"] = "16x16";
            expected[p + "self_attn.q_proj.bias"] = "16";
            expected[p + "self_attn.k_proj.weight"] = "8x16";
            expected[p + "self_attn.k_proj.bias"] = "8";
            expected[p + "self_attn.v_proj.weight"] = "8x16";
            expected[p + "self_attn.v_proj.bias"] = "8";
            expected[p + "self_attn.o_proj.weight"] = "16x16";
            expected[p + "mlp.gate_proj.weight"] = "24x16";
            expected[p + "mlp.up_proj.weight"] = "24x16";
            expected[p + "mlp.down_proj.weight"] = "16x24";
            expected[p + "input_layernorm.weight"] = "16";
            expected[p + "post_attention_layernorm.weight"] = "16";
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key), shapes.OrderBy(kv => kv.Key));
    }

    [Theory]
    [InlineData(RopeLayout.HalfSplit)]
    [InlineData(RopeLayout.Interleaved)]
    public void Forward_WithKvCache_EqualsFullForward(RopeLayout layout)
    {
        var model = NewModel(Tiny with { RopeLayout = layout });
        Assert.True(ModelChecks.CachedVersusFullMaxDiff(model, [1, 5, 9, 3, 7, 22, 30, 2]) < 1e-5);
    }

    [Fact]
    public void Forward_LeftPaddedRow_EqualsRowAlone()
    {
        var diff = ModelChecks.LeftPaddedVersusAloneMaxDiff(NewModel(Tiny), [1, 5, 9], [1, 4, 8, 12, 16, 20]);
        Assert.True(diff < 1e-5, $"max diff {diff}");
    }

    [Fact]
    public void Forward_SlidingWindow_HidesTokensBeyondTheWindow()
    {
        // Two layers with a window of 2 let position 5 see positions 3..5 only, so token 0 cannot matter.
        long[] a = [1, 5, 9, 3, 7, 22];
        long[] b = [2, 5, 9, 3, 7, 22];
        float LastDiff(LlamaForCausalLM m)
        {
            using var _ = no_grad();
            return (m.Forward(tensor(a).unsqueeze(0))[0, ^1] - m.Forward(tensor(b).unsqueeze(0))[0, ^1]).abs().max().item<float>();
        }
        Assert.Equal(0f, LastDiff(NewModel(Tiny with { SlidingWindow = 2 })));
        Assert.True(LastDiff(NewModel(Tiny)) > 1e-6);
    }

    [Fact]
    public void Forward_TiedEmbeddings_HasNoLmHeadAndUsesEmbedding()
    {
        var model = NewModel(Tiny with { TieWordEmbeddings = true });
        Assert.DoesNotContain("lm_head.weight", model.state_dict().Keys);
        using (no_grad())
            model.state_dict()["model.embed_tokens.weight"].zero_();
        using var _ = no_grad();
        Assert.Equal(0f, model.Forward(tensor(new long[] { 1, 2 }).unsqueeze(0)).abs().max().item<float>());
    }
}
