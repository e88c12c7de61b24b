namespace Cai.TestKit.FaultServer;

/// <summary>One HTTP request the server received.</summary>
/// <param name="RequestId">The logical request: the text of the last user message (retries share it).</param>
/// <param name="Attempt">1 for the first request with this id, 2 for the first retry, ...</param>
/// <param name="ReceivedAt">When the request arrived, from the server's TimeProvider.</param>
public sealed record FaultRequest(string RequestId, int Attempt, DateTimeOffset ReceivedAt);
