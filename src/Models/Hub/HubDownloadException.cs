using System.Net;

namespace Cai.Models.Hub;

/// <summary>A Hub file could not be downloaded or failed verification.</summary>
public sealed class HubDownloadException(string message, Exception? inner = null, HttpStatusCode? statusCode = null) : Exception(message, inner)
{
    /// <summary>The HTTP status that refused the file, when the server answered with one.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
