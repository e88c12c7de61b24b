using System.Net;
using System.Text.Json;
using Cai.Pipeline.Resilience;
using Microsoft.SemanticKernel;
using Polly.Timeout;

namespace Cai.Pipeline.Tests.Resilience;

public class TransientFailureTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void IsTransient_HttpStatus_RetriesOnlyTransientCodes(HttpStatusCode status, bool expected)
    {
        Assert.Equal(expected, TransientFailure.IsTransient(new HttpRequestException("x", null, status)));
        Assert.Equal(expected, TransientFailure.IsTransient(new HttpOperationException(status, null, "x", null)));
    }

    [Fact]
    public void IsTransient_TransportErrors_AreTransient()
    {
        Assert.True(TransientFailure.IsTransient(new HttpRequestException("reset")));
        Assert.True(TransientFailure.IsTransient(new InvalidOperationException("wrapped", new IOException("eof"))));
        Assert.True(TransientFailure.IsTransient(new TimeoutRejectedException()));
        Assert.True(TransientFailure.IsTransient(new JsonException("truncated")));
    }

    [Fact]
    public void IsTransient_CallerCancellationAndBugs_AreNotTransient()
    {
        Assert.False(TransientFailure.IsTransient(new OperationCanceledException()));
        Assert.False(TransientFailure.IsTransient(new ArgumentException("bad")));
    }
}
