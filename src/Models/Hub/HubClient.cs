using System.Security.Cryptography;

namespace Cai.Models.Hub;

/// <summary>
/// Downloads files of a Hub repository at a pinned revision from <c>{endpoint}/{repo}/resolve/{revision}/{file}</c>
/// into &lt;cache&gt;/&lt;repo&gt;/&lt;revision&gt;/. Interrupted transfers resume from a .partial file with an HTTP Range
/// request; files are checked against their sha256 when it is known (given, or the LFS X-Linked-Etag / ETag);
/// files already in the cache are not fetched again.
/// </summary>
public sealed partial class HubClient : IDisposable
{
    readonly HttpClient http;
    readonly HubOptions options;

    /// <summary>Creates a client; <paramref name="handler"/> replaces the default socket handler (proxies) and must not follow redirects itself.</summary>
    public HubClient(HubOptions? options = null, HttpMessageHandler? handler = null)
    {
        this.options = options ?? HubOptions.FromEnvironment();
        if (this.options.MaxAttempts < 1)
            throw new ArgumentException($"{nameof(HubOptions.MaxAttempts)} must be at least 1, was {this.options.MaxAttempts}", nameof(options));
        // Redirects are followed by hand: the LFS hash sits on the first response, and the token must not follow
        // a redirect to another host (the CDN).
        http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // a multi-GB file takes long; callers bound a stalled transfer with the cancellation token
        };
    }

    /// <summary>The cache folder of <paramref name="repo"/>.</summary>
    public string RepoDir(HubRepo repo) => Path.Combine([options.CacheDir, .. repo.Id.Split('/'), Sanitize(repo.Revision)]);

    /// <summary>Downloads <paramref name="files"/> of a repo spec (<c>owner/name[@revision]</c>) and returns the local folder.</summary>
    /// <param name="repoSpec">The repo and optional revision.</param>
    /// <param name="files">Paths inside the repo.</param>
    /// <param name="sha256Sums">Expected hashes by file (e.g. from <see cref="Sha256Sums.Parse"/>); they win over headers.</param>
    /// <param name="cancellationToken">Cancels the transfer; the .partial file stays for a later resume.</param>
    public async Task<string> DownloadAsync(string repoSpec, IEnumerable<string> files,
        IReadOnlyDictionary<string, string>? sha256Sums = null, CancellationToken cancellationToken = default)
    {
        var repo = HubRepo.Parse(repoSpec);
        foreach (var file in files)
            await DownloadFileAsync(repo, file, sha256Sums?.GetValueOrDefault(file), cancellationToken).ConfigureAwait(false);
        return RepoDir(repo);
    }

    /// <summary>Downloads one file unless it is already cached, and returns its local path.</summary>
    /// <exception cref="HubDownloadException">The server refused, every attempt broke off, or the sha256 did not match.</exception>
    public async Task<string> DownloadFileAsync(HubRepo repo, string file, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var target = LocalPath(repo, file);
        if (File.Exists(target))
            return target;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var expected = expectedSha256?.ToLowerInvariant();
        Exception? last = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            try
            {
                var headerHash = await TransferAsync(repo, file, partial, cancellationToken).ConfigureAwait(false);
                expected ??= headerHash;
                last = null;
                break;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                last = e; // keep the .partial: the next attempt resumes from it
            }
        }
        if (last is not null)
            throw new HubDownloadException($"{repo}/{file}: download failed after {options.MaxAttempts} attempts: {last.Message}", last);
        if (expected is not null)
        {
            var actual = await HashAsync(partial, cancellationToken).ConfigureAwait(false);
            if (actual != expected)
            {
                File.Delete(partial);
                throw new HubDownloadException(
                    $"{repo}/{file}: sha256 mismatch: expected {expected}, downloaded {actual}; the partial file was deleted, retry the download");
            }
        }
        File.Move(partial, target, overwrite: true);
        return target;
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    string LocalPath(HubRepo repo, string file)
    {
        var segments = file.Split('/');
        if (file.Length == 0 || Path.IsPathRooted(file) || file.Contains('\\') || segments.Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"'{file}' is not a relative path inside the repo", nameof(file));
        return Path.Combine([RepoDir(repo), .. segments]);
    }

    static string Sanitize(string revision) => revision.Replace('/', '_');

    static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
