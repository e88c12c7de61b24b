using Cai.Models.Hub;
using Cai.TestKit.Hub;

namespace Cai.Models.Tests.Hf;

public sealed class HubClientTests : IDisposable
{
    const string Repo = "tiny-org/tiny-model";
    readonly FakeHubServer _server = new();
    readonly string _cache = HfTestFiles.TempDir();
    readonly byte[] _weights = Bytes(5000, seed: 1);
    readonly byte[] _config = "{\"model_type\": \"llama\"}"u8.ToArray();

    public HubClientTests()
    {
        _server.Add($"{Repo}@main", "model.safetensors", _weights, lfs: true);
        _server.Add($"{Repo}@main", "config.json", _config, lfs: false);
    }

    public void Dispose() => _server.Dispose();

    HubClient Client(int maxAttempts = 3, string? token = null) =>
        new(new HubOptions { Endpoint = _server.Endpoint, CacheDir = _cache, MaxAttempts = maxAttempts, Token = token });

    static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task DownloadAsync_FreshCache_FetchesFollowsLfsRedirectAndCaches()
    {
        using var client = Client();

        var dir = await client.DownloadAsync(Repo, ["config.json", "model.safetensors"]);

        Assert.Equal(Path.Combine(_cache, "tiny-org", "tiny-model", "main"), dir);
        Assert.Equal(_config, File.ReadAllBytes(Path.Combine(dir, "config.json")));
        Assert.Equal(_weights, File.ReadAllBytes(Path.Combine(dir, "model.safetensors")));
        Assert.Contains(_server.Requests, r => r.Path == $"/cdn/{FakeHubServer.Sha256(_weights)}");
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public async Task DownloadAsync_FilesAlreadyCached_MakesNoRequests()
    {
        using var client = Client();
        await client.DownloadAsync(Repo, ["config.json", "model.safetensors"]);
        var before = _server.Requests.Count;

        await client.DownloadAsync(Repo, ["config.json", "model.safetensors"]);

        Assert.Equal(before, _server.Requests.Count);
    }

    [Fact]
    public async Task DownloadFileAsync_ConnectionCutOnce_ResumesWithRange()
    {
        using var client = Client();
        _server.CutNextAfter = 1200;

        var path = await client.DownloadFileAsync(HubRepo.Parse(Repo), "model.safetensors");

        Assert.Equal(_weights, File.ReadAllBytes(path));
        Assert.Contains(_server.Requests, r => r.Range == "bytes=1200-");
    }

    [Fact]
    public async Task DownloadFileAsync_CutWithOneAttempt_KeepsPartialAndNextCallResumes()
    {
        using var client = Client(maxAttempts: 1);
        _server.CutNextAfter = 700;

        await Assert.ThrowsAsync<HubDownloadException>(() => client.DownloadFileAsync(HubRepo.Parse(Repo), "model.safetensors"));
        var partial = Path.Combine(_cache, "tiny-org", "tiny-model", "main", "model.safetensors.partial");
        Assert.Equal(700, new FileInfo(partial).Length);
        var path = await client.DownloadFileAsync(HubRepo.Parse(Repo), "model.safetensors");

        Assert.Equal(_weights, File.ReadAllBytes(path));
        Assert.Equal("bytes=700-", _server.Requests.Last().Range);
    }

    [Fact]
    public async Task DownloadFileAsync_CorruptBodyOnce_FailsWithHashMessageThenRetrySucceeds()
    {
        using var client = Client();
        _server.CorruptNext = true;
        var sha = FakeHubServer.Sha256(_weights);

        var e = await Assert.ThrowsAsync<HubDownloadException>(() => client.DownloadFileAsync(HubRepo.Parse(Repo), "model.safetensors"));

        Assert.Contains("sha256 mismatch", e.Message);
        Assert.Contains($"expected {sha}", e.Message);
        Assert.Contains($"{Repo}@main/model.safetensors", e.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "tiny-org", "tiny-model", "main", "model.safetensors")));
        Assert.Equal(_weights, File.ReadAllBytes(await client.DownloadFileAsync(HubRepo.Parse(Repo), "model.safetensors")));
    }

    [Fact]
    public async Task DownloadAsync_Sha256SumsDisagree_Fails()
    {
        using var client = Client();
        var sums = Sha256Sums.Parse($"{new string('a', 64)}  config.json\n");

        var e = await Assert.ThrowsAsync<HubDownloadException>(() => client.DownloadAsync(Repo, ["config.json"], sums));

        Assert.Contains($"expected {new string('a', 64)}", e.Message);
    }

    [Fact]
    public async Task DownloadAsync_PinnedRevision_UsesRevisionInUrlAndCache()
    {
        _server.Add($"{Repo}@v1.0", "config.json", "{}"u8.ToArray(), lfs: false);
        using var client = Client();

        var dir = await client.DownloadAsync($"{Repo}@v1.0", ["config.json"]);

        Assert.Equal(Path.Combine(_cache, "tiny-org", "tiny-model", "v1.0"), dir);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "config.json")));
        Assert.Contains(_server.Requests, r => r.Path == $"/{Repo}/resolve/v1.0/config.json");
    }

    [Fact]
    public async Task DownloadAsync_Token_SentAsBearerAndNeverInErrors()
    {
        _server.RequiredToken = "hf_secret";
        using (var client = Client(token: "hf_secret"))
            await client.DownloadAsync(Repo, ["config.json"]);
        Assert.Contains(_server.Requests, r => r.Authorization == "Bearer hf_secret");

        using var wrong = Client(token: "hf_wrong_secret");
        var e = await Assert.ThrowsAsync<HubDownloadException>(() => wrong.DownloadAsync(Repo, ["model.safetensors"]));

        Assert.Contains("401", e.Message);
        Assert.Contains("HF_TOKEN", e.Message);
        Assert.DoesNotContain("hf_wrong_secret", e.ToString());
    }

    [Fact]
    public async Task DownloadAsync_RedirectToAnotherPortOfTheSameHost_TokenNotForwarded()
    {
        using var cdn = new FakeHubServer();
        cdn.Add("cdn/blobs@main", "weights", _weights, lfs: false);
        _server.CdnEndpoint = cdn.Endpoint;
        Assert.Equal(_server.Endpoint.Host, cdn.Endpoint.Host);
        Assert.NotEqual(_server.Endpoint.Port, cdn.Endpoint.Port);
        using var client = Client(token: "hf_origin_secret");

        var dir = await client.DownloadAsync(Repo, ["model.safetensors"]);

        Assert.Equal(_weights, File.ReadAllBytes(Path.Combine(dir, "model.safetensors")));
        Assert.Contains(_server.Requests, r => r.Authorization == "Bearer hf_origin_secret");
        var fetched = Assert.Single(cdn.Requests);
        Assert.Equal($"/cdn/{FakeHubServer.Sha256(_weights)}", fetched.Path);
        Assert.Null(fetched.Authorization);
    }

    [Fact]
    public async Task DownloadAsync_MissingFile_ReportsStatus()
    {
        using var client = Client();

        var e = await Assert.ThrowsAsync<HubDownloadException>(() => client.DownloadAsync(Repo, ["nope.json"]));

        Assert.Contains("404", e.Message);
        Assert.Contains("nope.json", e.Message);
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("a/b/c")]
    [InlineData("a/../b")]
    [InlineData("a/b@")]
    public void Parse_BadSpec_Throws(string spec) =>
        Assert.Throws<ArgumentException>(() => HubRepo.Parse(spec));

    [Fact]
    public void FromEnvironment_Variables_OverrideDefaults()
    {
        var env = new Dictionary<string, string> { ["HF_ENDPOINT"] = "http://127.0.0.1:1/", ["CAI_CACHE"] = "/tmp/c", ["HF_TOKEN"] = "t" };

        var o = HubOptions.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(new HubOptions { Endpoint = new Uri("http://127.0.0.1:1/"), CacheDir = "/tmp/c", Token = "t" }, o);
        Assert.Equal(new Uri("https://huggingface.co"), HubOptions.FromEnvironment(_ => null).Endpoint);
    }

    [Fact]
    public void ParseSha256Sums_BadLine_NamesLine()
    {
        var e = Assert.Throws<FormatException>(() => Sha256Sums.Parse($"{new string('a', 64)}  ok.bin\nxyz file\n", "SUMS"));

        Assert.Contains("SUMS: line 2", e.Message);
    }

    [Fact]
    public async Task DownloadModelAsync_ShardedRepoWithoutGenerationConfig_FetchesIndexShardsAndSkipsMissingOptional()
    {
        const string sharded = "tiny-org/sharded";
        var index = """{"metadata": {"total_size": 20}, "weight_map": {"a.weight": "model-00001-of-00002.safetensors", "b.weight": "model-00002-of-00002.safetensors", "c.weight": "model-00002-of-00002.safetensors"}}""";
        _server.Add($"{sharded}@main", "config.json", _config, lfs: false);
        _server.Add($"{sharded}@main", "tokenizer.json", "{}"u8.ToArray(), lfs: false);
        _server.Add($"{sharded}@main", "model.safetensors.index.json", System.Text.Encoding.UTF8.GetBytes(index), lfs: false);
        _server.Add($"{sharded}@main", "model-00001-of-00002.safetensors", Bytes(300, seed: 2), lfs: true);
        _server.Add($"{sharded}@main", "model-00002-of-00002.safetensors", Bytes(400, seed: 3), lfs: true);
        using var client = Client();

        var dir = await client.DownloadModelAsync(sharded);

        Assert.Equal(
            ["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json", "tokenizer.json"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Bytes(400, seed: 3), File.ReadAllBytes(Path.Combine(dir, "model-00002-of-00002.safetensors")));
    }

    [Fact]
    public async Task DownloadModelAsync_SingleFileRepoMissingTokenizer_FailsNamingFile()
    {
        using var client = Client();

        var e = await Assert.ThrowsAsync<HubDownloadException>(() => client.DownloadModelAsync(Repo));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public async Task DownloadModelAsync_SingleFileRepo_FetchesModelSafetensors()
    {
        _server.Add($"{Repo}@main", "tokenizer.json", "{}"u8.ToArray(), lfs: false);
        using var client = Client();

        var dir = await client.DownloadModelAsync(Repo);

        Assert.Equal(_weights, File.ReadAllBytes(Path.Combine(dir, "model.safetensors")));
        Assert.False(File.Exists(Path.Combine(dir, "generation_config.json")));
    }
}
