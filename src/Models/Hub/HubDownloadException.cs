namespace Cai.Models.Hub;

/// <summary>A Hub file could not be downloaded or failed verification.</summary>
public sealed class HubDownloadException(string message, Exception? inner = null) : Exception(message, inner);
