using Cai.Models.Hf;
using Cai.Models.Hub;
using Cai.Models.Llama;
using Cai.TestKit.Hub;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Hf;

/// <summary><c>LocalModel.Load("hf://owner/name@revision")</c> against a local Hub server: download once, then offline.</summary>
public sealed class HubModelLoadTests : IDisposable
{
    const string Repo = "tiny-org/tiny-llama";
    readonly FakeHubServer _server = new();
    readonly string _cache = HfTestFiles.TempDir();
    readonly string _folder = HfTestFiles.TempDir();

    public HubModelLoadTests()
    {
        // A real (random) HF Llama folder: config, SentencePiece tokenizer files and safetensors weights.
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(HfTestFiles.Data("tokenizers", "sentencepiece", file), Path.Combine(_folder, file));
        var config = new LlamaConfig { VocabSize = 300, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 2 };
        HfConfigIO.Write(_folder, config);
        manual_seed(3);
        using (var module = new LlamaForCausalLM(config))
            HfCheckpoint.Save(module, _folder);
        foreach (var path in Directory.GetFiles(_folder))
            _server.Add($"{Repo}@v1", Path.GetFileName(path), File.ReadAllBytes(path), lfs: path.EndsWith(".safetensors", StringComparison.Ordinal));
    }

    bool _offline;

    public void Dispose()
    {
        if (!_offline)
            _server.Dispose();
    }

    HubOptions Hub => new() { Endpoint = _server.Endpoint, CacheDir = _cache };

    static float[] Logits(LocalModel model)
    {
        using var _ = no_grad();
        var ids = tensor(new long[] { 1, 5, 9, 42 }).unsqueeze(0);
        return model.Module.Forward(ids, arange(4).unsqueeze(0), ones(1, 4, ScalarType.Bool), null).flatten().data<float>().ToArray();
    }

    [Fact]
    public void Load_HubId_DownloadsOnceIntoTheCacheAndLoadsOfflineAfterwards()
    {
        using var direct = LocalModel.Load(_folder);

        using var fromHub = LocalModel.Load($"{LocalModel.HubPrefix}{Repo}@v1", hub: Hub);
        var requests = _server.Requests.Count;
        _server.Dispose(); // offline from here on
        _offline = true;
        using var again = LocalModel.Load($"{LocalModel.HubPrefix}{Repo}@v1", hub: Hub);

        Assert.True(requests > 0);
        Assert.Equal(Logits(direct), Logits(fromHub));
        Assert.Equal(Logits(direct), Logits(again));
        Assert.Equal(Path.Combine(_cache, "tiny-org", "tiny-llama", "v1"), LocalModel.ResolvePath($"hf://{Repo}@v1", Hub));
    }

    [Fact]
    public void Load_UnknownHubRepo_FailsNamingTheRepoAndFile()
    {
        var e = Assert.Throws<HubDownloadException>(() => LocalModel.Load("hf://tiny-org/missing@v1", hub: Hub));

        Assert.Contains("tiny-org/missing", e.Message);
        Assert.Contains("config.json", e.Message);
    }
}
