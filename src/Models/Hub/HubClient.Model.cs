using System.Net;
using System.Text.Json;

namespace Cai.Models.Hub;

public sealed partial class HubClient
{
    static readonly string[] RequiredModelFiles = ["config.json", "tokenizer.json"];
    static readonly string[] OptionalModelFiles = ["tokenizer_config.json", "generation_config.json"];

    /// <summary>
    /// Downloads what an in-process model needs: config.json, tokenizer.json, tokenizer_config.json and
    /// generation_config.json when the repo has them, and the weights (the shards named by
    /// model.safetensors.index.json, or model.safetensors). Returns the local folder. A folder completed before is
    /// returned without asking the server anything, so a cached model loads offline.
    /// </summary>
    /// <exception cref="HubDownloadException">A required file is missing or fails verification.</exception>
    public async Task<string> DownloadModelAsync(string repoSpec, IReadOnlyDictionary<string, string>? sha256Sums = null,
        CancellationToken cancellationToken = default)
    {
        var repo = HubRepo.Parse(repoSpec);
        var complete = RepoDir(repo) + CompleteMarker;
        if (File.Exists(complete))
            return RepoDir(repo);
        string? Sum(string file) => sha256Sums?.GetValueOrDefault(file);
        foreach (var file in RequiredModelFiles)
            await DownloadFileAsync(repo, file, Sum(file), cancellationToken).ConfigureAwait(false);
        foreach (var file in OptionalModelFiles)
            await TryDownloadAsync(repo, file, Sum(file), cancellationToken).ConfigureAwait(false);
        var index = await TryDownloadAsync(repo, "model.safetensors.index.json", Sum("model.safetensors.index.json"), cancellationToken).ConfigureAwait(false);
        var weights = index is null ? ["model.safetensors"] : ShardNames(index);
        foreach (var file in weights)
            await DownloadFileAsync(repo, file, Sum(file), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(complete, repo.ToString(), cancellationToken).ConfigureAwait(false);
        return RepoDir(repo);
    }

    // A file beside the revision's folder (so the folder holds only model files), written once every file of a model
    // download is in place; its presence means the folder needs no request.
    const string CompleteMarker = ".cai-complete";

    async Task<string?> TryDownloadAsync(HubRepo repo, string file, string? sha256, CancellationToken cancellationToken)
    {
        try
        {
            return await DownloadFileAsync(repo, file, sha256, cancellationToken).ConfigureAwait(false);
        }
        catch (HubDownloadException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    static List<string> ShardNames(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            return [.. doc.RootElement.GetProperty("weight_map").EnumerateObject().Select(p => p.Value.GetString()!).Distinct()];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new HubDownloadException($"{indexPath}: not a safetensors index with a weight_map: {e.Message}", e);
        }
    }
}
