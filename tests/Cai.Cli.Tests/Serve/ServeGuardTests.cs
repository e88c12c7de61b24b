using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cai.Cli.Hosting;
using Cai.Cli.Serve;
using Serilog.Events;

namespace Cai.Cli.Tests.Serve;

/// <summary>
/// <see cref="ServeHost"/> on real Kestrel in front of a gated chat client: undecodable and oversized bodies, the
/// admission limit, client disconnects, the API key, and what one request logs.
/// </summary>
public sealed class ServeGuardTests : IAsyncDisposable
{
    readonly GateChatClient model = new();
    readonly HttpClient http = new();
    readonly StringWriter logText = new();
    ServeHost? host;

    public async ValueTask DisposeAsync()
    {
        model.Release();
        if (host is not null)
            await host.DisposeAsync();
        http.Dispose();
    }

    async Task<ServeHost> StartAsync(ServeOptions options, LogEventLevel level = LogEventLevel.Information)
    {
        var logging = new CliLogging(logText, level, quiet: false, runDirectory: null);
        host = await ServeHost.StartAsync(model, "gate", 512, options with { Port = 0 }, logging.Factory);
        return host;
    }

    const string Valid = """{"model":"gate","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}""";

    Task<HttpResponseMessage> PostAsync(byte[] body, string? bearer = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host!.BaseUrl, "v1/chat/completions"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http.SendAsync(request, cancellationToken);
    }

    Task<HttpResponseMessage> PostAsync(string body, string? bearer = null, CancellationToken cancellationToken = default) =>
        PostAsync(Encoding.UTF8.GetBytes(body), bearer, cancellationToken);

    static async Task<JsonNode> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        return error;
    }

    public static TheoryData<byte[]> Undecodable => new()
    {
        Encoding.UTF8.GetBytes("""{"model":"gate","messages":[{"role":"user","content":"\ud800"}]}"""),
        Encoding.UTF8.GetBytes("""{"model":"gate","messages":[{"role":"user","content":"a\udc00b"}]}"""),
        Encoding.UTF8.GetBytes("""{"model":"gate","messages":[{"role":"user","content":""").Concat(new byte[] { 0x22, 0xC3, 0x28, 0x22 }).Concat("}]}"u8.ToArray()).ToArray(),
        new byte[] { 0xFF, 0xFE, 0x7B, 0x7D },
        Encoding.UTF8.GetBytes("""{"model":"gate","messages":[{"role":"user","content":"x"}"""),
        Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)),
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task ChatCompletions_UndecodableBody_400WithOpenAIError(byte[] body)
    {
        model.Block = false;
        await StartAsync(new ServeOptions());

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)(await ErrorOf(response))["type"]);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverTheLimit_413WithOpenAIError()
    {
        model.Block = false;
        await StartAsync(new ServeOptions { MaxRequestBodyBytes = 4096 });
        var big = $$"""{"model":"gate","messages":[{"role":"user","content":"{{new string('x', 5000)}}"}]}""";

        using var response = await PostAsync(big);
        using var ok = await PostAsync(Valid);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (string?)(await ErrorOf(response))["code"]);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_QueueFull_429WithRetryAfterThenAdmitsAgain()
    {
        await StartAsync(new ServeOptions { MaxQueue = 2, RetryAfterSeconds = 3 });
        var first = PostAsync(Valid);
        var second = PostAsync(Valid);
        await WaitUntil(() => model.Entered == 2);

        using var refused = await PostAsync(Valid);
        model.Release();
        using var a = await first;
        using var b = await second;
        using var after = await PostAsync(Valid);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", (string?)(await ErrorOf(refused))["code"]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode, after.StatusCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_ClientDisconnects_GenerationTokenFiresAndSlotIsReleased(bool reset)
    {
        await StartAsync(new ServeOptions { MaxQueue = 1 }, LogEventLevel.Debug);
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(host!.BaseUrl.Host, host.BaseUrl.Port);
            var body = Encoding.UTF8.GetBytes(Valid);
            var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {host.BaseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray());
            await WaitUntil(() => model.Entered == 1);
            if (reset)
                client.LingerState = new System.Net.Sockets.LingerOption(true, 0); // close with RST instead of FIN
        }

        await Task.WhenAny(model.Cancelled.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(model.Cancelled.Task.IsCompleted, logText.ToString());
        model.Block = false;
        var status = HttpStatusCode.TooManyRequests;
        for (var i = 0; i < 100 && status == HttpStatusCode.TooManyRequests; i++)
        {
            using var next = await PostAsync(Valid);
            status = next.StatusCode;
            if (status == HttpStatusCode.TooManyRequests)
                await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task ApiKey_MissingOrWrong_401OpenAIError_RightKeyAnswers()
    {
        model.Block = false;
        await StartAsync(new ServeOptions { ApiKey = "serve-key-0123456789" });

        using var missing = await PostAsync(Valid);
        using var wrong = await PostAsync(Valid, bearer: "serve-key-0123456780");
        using var models = await http.GetAsync(new Uri(host!.BaseUrl, "v1/models"));
        using var right = await PostAsync(Valid, bearer: "serve-key-0123456789");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (missing.StatusCode, wrong.StatusCode, models.StatusCode));
        Assert.Equal("invalid_api_key", (string?)(await ErrorOf(wrong))["code"]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(1, model.Calls); // refused requests never reached the model
    }

    [Theory]
    [InlineData("0.0.0.0", null, true)]
    [InlineData("0.0.0.0", "serve-key-0123456789", false)]
    [InlineData("127.0.0.1", null, false)]
    public async Task Start_NonLoopbackWithoutKey_Warns(string address, string? key, bool warned)
    {
        await StartAsync(new ServeOptions { Host = address, ApiKey = key });

        Assert.Equal(warned, logText.ToString().Contains("without an API key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCompletions_OneRequest_OneInformationLine()
    {
        model.Block = false;
        await StartAsync(new ServeOptions());

        using var response = await PostAsync(Valid);
        await host!.DisposeAsync();
        host = null;

        var lines = logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("POST /v1/chat/completions 200", line);
    }

    [Fact]
    public async Task ChatCompletions_DebugLevel_KeepsTheFrameworksPerRequestLines()
    {
        model.Block = false;
        await StartAsync(new ServeOptions(), LogEventLevel.Debug);

        using var response = await PostAsync(Valid);

        var text = logText.ToString();
        Assert.Contains("Request starting", text);
        Assert.Contains("POST /v1/chat/completions 200", text);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), "condition not reached within 30 s");
    }
}
