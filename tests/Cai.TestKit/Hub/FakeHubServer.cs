using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Cai.TestKit.Hub;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers like the Hub: /{repo}/resolve/{rev}/{file} serves git files
/// directly and redirects LFS files to /cdn/{sha256} with X-Linked-Etag. It honours Range, and can cut the next
/// body short or corrupt it once.
/// </summary>
public sealed class FakeHubServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly Dictionary<string, (byte[] Bytes, bool Lfs)> _files = new(StringComparer.Ordinal);
    readonly Task _loop;

    public FakeHubServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Every request: path, Range header and Authorization header.</summary>
    public ConcurrentQueue<(string Path, string? Range, string? Authorization)> Requests { get; } = new();

    /// <summary>When set, the next body stops after this many bytes and the connection is dropped.</summary>
    public int? CutNextAfter { get; set; }

    /// <summary>When true, the next body has its first byte flipped.</summary>
    public bool CorruptNext { get; set; }

    /// <summary>When set, requests without this bearer token get 401.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>When set, LFS files redirect to <c>{CdnEndpoint}cdn/{sha256}</c> (another server) instead of this one.</summary>
    public Uri? CdnEndpoint { get; set; }

    /// <summary>Serves <paramref name="bytes"/> as <paramref name="file"/> of <c>owner/name@revision</c>; LFS files redirect to /cdn/.</summary>
    public void Add(string repoAndRevision, string file, byte[] bytes, bool lfs) =>
        _files[$"/{repoAndRevision}/{file}".Replace("@", "/resolve/")] = (bytes, lfs);

    /// <summary>The lower-case hex sha256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Stops the listener.</summary>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Handle(context); }
            catch (Exception e) when (e is HttpListenerException or IOException) { }
        }
    }

    void Handle(HttpListenerContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        Requests.Enqueue((path, request.Headers["Range"], request.Headers["Authorization"]));
        if (RequiredToken is not null && request.Headers["Authorization"] != $"Bearer {RequiredToken}")
        {
            response.StatusCode = 401;
            response.Close();
            return;
        }
        if (path.StartsWith("/cdn/", StringComparison.Ordinal) && _files.Values.FirstOrDefault(f => Sha256(f.Bytes) == path[5..]) is { Bytes: not null } blob)
        {
            Serve(request, response, blob.Bytes, $"\"{path[5..]}\"");
            return;
        }
        if (!_files.TryGetValue(path, out var file))
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }
        var sha = Sha256(file.Bytes);
        if (file.Lfs)
        {
            response.StatusCode = 302;
            response.Headers["X-Linked-Etag"] = $"\"{sha}\"";
            response.Headers["Location"] = CdnEndpoint is null ? $"/cdn/{sha}" : new Uri(CdnEndpoint, $"cdn/{sha}").ToString();
            response.Close();
            return;
        }
        Serve(request, response, file.Bytes, $"\"{Convert.ToHexStringLower(SHA1.HashData(file.Bytes))}\"");
    }

    void Serve(HttpListenerRequest request, HttpListenerResponse response, byte[] bytes, string etag)
    {
        var start = 0;
        if (request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            start = int.Parse(range[6..].TrimEnd('-'));
            if (start >= bytes.Length)
            {
                response.StatusCode = 416;
                response.Close();
                return;
            }
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
        }
        response.Headers["ETag"] = etag;
        var body = bytes[start..];
        if (CorruptNext)
        {
            CorruptNext = false;
            body[0] ^= 0xFF;
        }
        response.ContentLength64 = body.Length;
        if (CutNextAfter is { } cut)
        {
            CutNextAfter = null;
            response.OutputStream.Write(body, 0, cut);
            response.OutputStream.Flush();
            response.Abort();
            return;
        }
        response.OutputStream.Write(body);
        response.Close();
    }
}
