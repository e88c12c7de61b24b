using System.Net;
using System.Text.Json;
using Cai.Core.Storage;
using Cai.Models.Hf;
using Cai.Models.Llama2c;
using Cai.Models.Tokenizers.Hf;

namespace Cai.Models.Hub;

public sealed partial class HubClient
{
    static readonly string[] RequiredModelFiles = [HfConfigIO.FileName, HfTokenizer.FileName];
    static readonly string[] OptionalModelFiles = [HfTokenizer.ConfigFileName, HfGenerationConfig.FileName];

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
        var index = await TryDownloadAsync(repo, HfCheckpoint.IndexFile, Sum(HfCheckpoint.IndexFile), cancellationToken).ConfigureAwait(false);
        var weights = index is null ? [HfCheckpoint.SingleFile] : ShardNames(index);
        foreach (var file in weights)
            await DownloadFileAsync(repo, file, Sum(file), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(complete, repo.ToString(), cancellationToken).ConfigureAwait(false);
        return RepoDir(repo);
    }

    /// <summary>
    /// Downloads a llama2.c checkpoint of a repo and its tokenizer beside it (<c>tok{vocab}.bin</c>, else
    /// <c>tokenizer.bin</c>, as a local checkpoint is loaded) and returns the checkpoint's local path. Cached files are
    /// not fetched again, so a model downloaded once loads offline.
    /// </summary>
    /// <param name="repo">The repo, pinned to a revision.</param>
    /// <param name="file">The checkpoint's path inside the repo, e.g. <c>stories260K/stories260K.bin</c>.</param>
    /// <param name="sha256Sums">Expected hashes by path inside the repo; they win over the server's headers.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <exception cref="HubDownloadException">A file is missing or fails verification.</exception>
    public async Task<string> DownloadLlama2cAsync(HubRepo repo, string file, IReadOnlyDictionary<string, string>? sha256Sums = null,
        CancellationToken cancellationToken = default)
    {
        if (!file.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"'{repo}/{file}': a path inside a Hub repo must name a llama2.c .bin checkpoint (write a revision holding '/' as %2F)", nameof(file));
        var checkpoint = await DownloadFileAsync(repo, file, sha256Sums?.GetValueOrDefault(file), cancellationToken).ConfigureAwait(false);
        var folder = file.Contains('/') ? file[..(file.LastIndexOf('/') + 1)] : "";
        string[] tokenizers = [.. Llama2cTokenizerFiles.Names(Llama2cCheckpoint.ReadConfig(checkpoint).VocabSize).Select(n => folder + n)];
        foreach (var tokenizer in tokenizers)
            if (await TryDownloadAsync(repo, tokenizer, sha256Sums?.GetValueOrDefault(tokenizer), cancellationToken).ConfigureAwait(false) is not null)
                return checkpoint;
        throw new HubDownloadException($"{repo}: no tokenizer for {file}: neither {tokenizers[0]} nor {tokenizers[1]} is in the repo",
            statusCode: HttpStatusCode.NotFound);
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
