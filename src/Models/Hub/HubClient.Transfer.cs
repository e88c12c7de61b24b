using System.Net;
using System.Net.Http.Headers;

namespace Cai.Models.Hub;

public sealed partial class HubClient
{
    const int MaxRedirects = 5;

    /// <summary>Fetches the rest of <paramref name="file"/> into <paramref name="partial"/>; returns the sha256 the headers announce, if any.</summary>
    async Task<string?> TransferAsync(HubRepo repo, string file, string partial, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        var path = string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
        var uri = new Uri(options.Endpoint, $"{repo.Id}/resolve/{Uri.EscapeDataString(repo.Revision)}/{path}");
        string? hash = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            // The token goes to the Hub's own origin only (scheme, host and port): never to a CDN, another port of the
            // same host, or an http downgrade a redirect points at.
            if (options.Token is { } token && SameOrigin(uri, options.Endpoint))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (have > 0)
                request.Headers.Range = new RangeHeaderValue(have, null);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            hash ??= LinkedSha256(response);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= MaxRedirects)
                    throw new HubDownloadException($"{repo}/{file}: more than {MaxRedirects} redirects");
                uri = new Uri(uri, location);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
                return hash; // the partial file already holds everything
            if (!response.IsSuccessStatusCode)
                throw new HubDownloadException($"{repo}/{file}: {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}"
                    + (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (gated or private repo: set HF_TOKEN)" : ""),
                    statusCode: response.StatusCode);
            var append = response.StatusCode == HttpStatusCode.PartialContent;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var output = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write);
            await body.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            var expectedLength = response.Content.Headers.ContentLength;
            if (expectedLength is { } n && output.Length != (append ? have : 0) + n)
                throw new IOException($"connection closed after {output.Length} bytes");
            output.Flush(flushToDisk: true); // on disk before the rename to the final name makes it a complete file
            return hash ?? EtagSha256(response);
        }
    }

    static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>X-Linked-Etag: the sha256 of an LFS file, sent with the resolve response (before the CDN redirect).</summary>
    static string? LinkedSha256(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Linked-Etag", out var values) ? AsSha256(values.FirstOrDefault()) : null;

    /// <summary>An ETag that is a sha256 (LFS files); git blobs carry a sha1 ETag, which is not checked.</summary>
    static string? EtagSha256(HttpResponseMessage response) => AsSha256(response.Headers.ETag?.Tag);

    static string? AsSha256(string? tag)
    {
        var value = tag?.Trim().TrimStart('W', '/').Trim('"').ToLowerInvariant();
        return value is { Length: 64 } && value.All(char.IsAsciiHexDigit) ? value : null;
    }
}
