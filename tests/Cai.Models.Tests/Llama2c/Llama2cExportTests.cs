using Cai.Models.Llama;
using Cai.Models.Llama2c;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Llama2c;

[Collection(TorchCollection.Name)]
public sealed class Llama2cExportTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-export-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public void SaveSafetensors_LoadedBackAsHalfSplit_GivesIdenticalLogits()
    {
        var path = Path.Combine(tempDir, "model.safetensors");
        var source = Stories260K.Model;
        source.save_safetensors(path);
        var reloaded = new LlamaForCausalLM(source.Config with { RopeLayout = RopeLayout.HalfSplit });
        reloaded.load_safetensors(path);
        var ids = tensor(new long[] { 1, 403, 407, 261, 378, 432, 383, 286 }).unsqueeze(0);
        using var _ = no_grad();
        Assert.Equal(0f, (reloaded.Forward(ids) - source.Forward(ids)).abs().max().item<float>());
    }

    [Fact]
    public void ToHalfSplit_MovesEvenRowsOfEachHeadFirst()
    {
        var w = arange(8, dtype: ScalarType.Float32).unsqueeze(1); // rows 0..7, 2 heads of size 4
        var permuted = Llama2cCheckpoint.ToHalfSplit(w, heads: 2).squeeze(1).data<float>().ToArray();
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], permuted);
    }
}
