using Cai.Models.Hub;
using Cai.TestKit.Hub;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Hf;

/// <summary>
/// <c>hf://owner/name@revision/path/model.bin</c>: a llama2.c checkpoint inside a Hub repo (as karpathy/tinyllamas holds
/// stories260K), downloaded with its tokenizer, checked against pinned sha256 sums, then loaded offline.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class HubLlama2cLoadTests : IDisposable
{
    const string Repo = "karpathy/tinyllamas@0bd21da7698eaf29a0d7de3992de8a46ef624add";
    const string Id = LocalModel.HubPrefix + Repo + "/stories260K/stories260K.bin";
    readonly FakeHubServer _server = new();
    readonly string _cache = HfTestFiles.TempDir();
    readonly byte[] _checkpoint = File.ReadAllBytes(Stories260K.ModelPath);
    readonly byte[] _tokenizer = File.ReadAllBytes(Stories260K.TokenizerPath);
    bool _offline;

    public HubLlama2cLoadTests()
    {
        _server.Add(Repo, "stories260K/stories260K.bin", _checkpoint, lfs: true);
        _server.Add(Repo, "stories260K/tok512.bin", _tokenizer, lfs: true);
    }

    public void Dispose()
    {
        if (!_offline)
            _server.Dispose();
    }

    HubOptions Hub => new() { Endpoint = _server.Endpoint, CacheDir = _cache };

    Dictionary<string, string> Sums => new()
    {
        ["stories260K/stories260K.bin"] = FakeHubServer.Sha256(_checkpoint),
        ["stories260K/tok512.bin"] = FakeHubServer.Sha256(_tokenizer),
    };

    [Fact]
    public void ResolvePath_HubCheckpointFile_DownloadsItAndItsTokenizerThenLoadsOffline()
    {
        var path = LocalModel.ResolvePath(Id, Hub, Sums);
        _server.Dispose(); // offline from here on
        _offline = true;
        using var fromHub = LocalModel.Load(Id, hub: Hub);
        using var local = LocalModel.Load(Stories260K.ModelPath);

        Assert.Equal(Path.Combine(_cache, "karpathy", "tinyllamas", "0bd21da7698eaf29a0d7de3992de8a46ef624add", "stories260K", "stories260K.bin"), path);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "tok512.bin")));
        var ids = tensor(new long[] { 1, 403, 407, 261, 378 }).unsqueeze(0);
        using (no_grad())
            Assert.Equal(0f, (fromHub.Module.Forward(ids) - local.Module.Forward(ids)).abs().max().item<float>());
        Assert.Equal(local.Tokenizer.Encode("Once upon a time"), fromHub.Tokenizer.Encode("Once upon a time"));
    }

    [Fact]
    public void ResolvePath_PinnedSha256Differs_FailsAndKeepsNothing()
    {
        var sums = Sums;
        sums["stories260K/tok512.bin"] = new string('0', 64);

        var e = Assert.Throws<HubDownloadException>(() => LocalModel.ResolvePath(Id, Hub, sums));

        Assert.Contains("stories260K/tok512.bin: sha256 mismatch", e.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "karpathy", "tinyllamas", "0bd21da7698eaf29a0d7de3992de8a46ef624add", "stories260K", "tok512.bin")));
    }

    [Fact]
    public void ResolvePath_PathThatIsNotACheckpoint_FailsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => LocalModel.ResolvePath(LocalModel.HubPrefix + "owner/name@refs/pr/1", Hub));

        Assert.Contains("must name a llama2.c .bin checkpoint", e.Message);
        Assert.Contains("%2F", e.Message);
    }

    [Theory]
    [InlineData("owner/name", "owner/name@main", null)]
    [InlineData("owner/name@v1/a/b.bin", "owner/name@v1", "a/b.bin")]
    [InlineData("owner/name@refs%2Fpr%2F1", "owner/name@refs/pr/1", null)]
    public void ParsePath_SplitsRepoRevisionAndFile(string path, string repo, string? file)
    {
        var (parsed, parsedFile) = HubRepo.ParsePath(path);

        Assert.Equal(repo, parsed.ToString());
        Assert.Equal(file, parsedFile);
    }
}
