using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Serve;

[Collection(TorchCliCollection.Name)]
public sealed class ServeHostTests(ServeFixture server) : IClassFixture<ServeFixture>
{
    async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync(new Uri(server.Host.BaseUrl, "v1/chat/completions"), content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    static string Request(string extra = "") =>
        $$"""{"model":"stories","messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":8{{extra}}}""";

    [Fact]
    public async Task Models_ListsServedName()
    {
        var json = JsonNode.Parse(await server.Http.GetStringAsync(new Uri(server.Host.BaseUrl, "v1/models")))!;

        Assert.Equal("list", (string?)json["object"]);
        Assert.Equal("stories", (string?)json["data"]![0]!["id"]);
    }

    [Fact]
    public async Task ChatCompletions_Valid_OpenAIShapedResponse()
    {
        var (status, body) = await PostAsync(Request(""","logprobs":true,"top_logprobs":2,"n":2"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.Equal("stories", (string?)body["model"]);
        Assert.StartsWith("chatcmpl-", (string?)body["id"]);
        var choices = body["choices"]!.AsArray();
        Assert.Equal(2, choices.Count);
        Assert.Equal("assistant", (string?)choices[1]!["message"]!["role"]);
        Assert.Equal(1, (int)choices[1]!["index"]!);
        Assert.Equal("length", (string?)choices[0]!["finish_reason"]);
        var tokens = choices[0]!["logprobs"]!["content"]!.AsArray();
        Assert.Equal(8, tokens.Count);
        Assert.Equal((string?)choices[0]!["message"]!["content"], string.Concat(tokens.Select(t => (string?)t!["token"])));
        Assert.Equal(2, tokens[0]!["top_logprobs"]!.AsArray().Count);
        Assert.Equal(Encoding.UTF8.GetBytes((string)tokens[0]!["token"]!), tokens[0]!["bytes"]!.AsArray().Select(b => (byte)(int)b!));
        Assert.Equal(16, (int)body["usage"]!["completion_tokens"]!);
        Assert.Equal((int)body["usage"]!["prompt_tokens"]! + 16, (int)body["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task ChatCompletions_StopString_CutsTextAndFinishesWithStop()
    {
        var (_, body) = await PostAsync("""{"model":"stories","messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_completion_tokens":60,"stop":["."]}""");

        Assert.Equal("stop", (string?)body["choices"]![0]!["finish_reason"]);
        Assert.DoesNotContain(".", (string?)body["choices"]![0]!["message"]!["content"]);
    }

    [Theory]
    [InlineData("{not json", 400, null)]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"\ud800"}]}""", 400, null)]
    [InlineData("""{"model":"stories"}""", 400, "messages")]
    [InlineData("""{"model":"stories","messages":[]}""", 400, "messages")]
    [InlineData("""{"model":"gpt-4","messages":[{"role":"user","content":"x"}]}""", 404, "model")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"max_tokens":100000}""", 400, "max_tokens")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"n":50}""", 400, "n")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", 400, "temperature")]
    [InlineData("""{"model":"stories","messages":[{"role":"robot","content":"x"}]}""", 400, "messages[0].role")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"top_logprobs":3}""", 400, "top_logprobs")]
    public async Task ChatCompletions_Invalid_OpenAIErrorBody(string body, int status, string? param)
    {
        var (actual, json) = await PostAsync(body);

        Assert.Equal(status, (int)actual);
        var error = json["error"]!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal(param, (string?)error["param"]);
        if (status == 404)
            Assert.Equal("model_not_found", (string?)error["code"]);
    }

    [Fact]
    public async Task ChatCompletions_SixteenConcurrent_AllAnsweredIdentically()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostAsync(Request())));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var texts = results.Select(r => (string?)r.Body["choices"]![0]!["message"]!["content"]).Distinct().ToList();
        Assert.Single(texts);
    }

    [Fact]
    public async Task UnknownRoute_404WithErrorBody()
    {
        using var response = await server.Http.GetAsync(new Uri(server.Host.BaseUrl, "v1/engines"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    async Task<(HttpStatusCode Status, string? ContentType, List<string> Events)> PostStreamAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync(new Uri(server.Host.BaseUrl, "v1/chat/completions"), content);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, events);
    }

    [Fact]
    public async Task ChatCompletions_Stream_SendsChunksThatSpellTheNonStreamedAnswer()
    {
        var (_, whole) = await PostAsync(Request(""","n":2,"logprobs":true"""));
        var (status, type, events) = await PostStreamAsync(Request(""","n":2,"logprobs":true,"stream":true"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/event-stream", type);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.All(chunks, c => Assert.Equal((string?)chunks[0]["id"], (string?)c["id"]));
        for (var i = 0; i < 2; i++)
        {
            var mine = chunks.Select(c => c["choices"]!.AsArray().Single()!).Where(c => (int)c["index"]! == i).ToList();
            Assert.Equal("assistant", (string?)mine[0]["delta"]!["role"]);
            Assert.Equal((string?)whole["choices"]![i]!["message"]!["content"], string.Concat(mine.Select(c => (string?)c["delta"]!["content"])));
            Assert.Equal("length", (string?)mine[^1]["finish_reason"]);
            Assert.Equal(8, mine.Sum(c => c["logprobs"]?["content"]?.AsArray().Count ?? 0));
        }
        Assert.DoesNotContain(chunks, c => c.AsObject().ContainsKey("usage"));
    }

    [Fact]
    public async Task ChatCompletions_Stream_FirstChunkArrivesWhileTheAnswerIsStillDecoding()
    {
        // Real streaming: the first token's chunk reaches the client while its completion is still being decoded, so a
        // request sent at that moment joins the running batch (one batch for both) instead of starting a new one, and
        // gets the same text. Had the server generated everything before sending, the second request would find no
        // batch running.
        const string ask = """{"model":"stories","messages":[{"role":"user","content":"Once upon a time"}],"temperature":0,"max_tokens":400""";
        var batchesBefore = server.Client.Batches;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Host.BaseUrl, "v1/chat/completions"))
        {
            Content = new StringContent(ask + ""","stream":true}""", Encoding.UTF8, "application/json"),
        };
        using var response = await server.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var streamed = new StringBuilder();
        Task<(HttpStatusCode Status, JsonNode Body)>? second = null;
        var order = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
                continue;
            var text = (string?)JsonNode.Parse(line["data: ".Length..])!["choices"]![0]!["delta"]!["content"];
            if (string.IsNullOrEmpty(text))
                continue;
            streamed.Append(text);
            if (second is null)
            {
                order.Add("first chunk");
                second = PostAsync(ask + "}");
            }
        }
        order.Add("stream ended");
        var (status, whole) = await second!;

        Assert.Equal(["first chunk", "stream ended"], order);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["content"], streamed.ToString());
        Assert.True((int)whole["usage"]!["completion_tokens"]! > 20, "the answer is long enough to join while it decodes");
        Assert.Equal(1, server.Client.Batches - batchesBefore);
    }

    [Fact]
    public async Task ChatCompletions_StreamIncludeUsage_LastChunkCarriesUsage()
    {
        var (_, _, events) = await PostStreamAsync(Request(""","stream":true,"stream_options":{"include_usage":true}"""));

        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(8, (int)chunks[^1]["usage"]!["completion_tokens"]!);
        Assert.All(chunks[..^1], c => Assert.Null(c["usage"]));
    }

    [Fact]
    public async Task ChatCompletions_StreamOptionsWithoutStream_400NamingIt()
    {
        var (status, body) = await PostAsync(Request(""","stream_options":{"include_usage":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("stream_options", (string?)body["error"]!["param"]);
    }

    [Fact]
    public async Task ChatCompletions_PromptLongerThanContextCanUse_400BeforeTokenizing()
    {
        // 20,000 characters: more than stories260K's 512-token context can use at 32 characters a token (16,384).
        var prompt = string.Concat(Enumerable.Repeat("Hi the cat. ", 1667));
        var body = JsonSerializer.Serialize(new { model = "stories", messages = new[] { new { role = "user", content = prompt } }, max_tokens = 8 });

        var (status, error) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"the prompt has {prompt.Length} characters, more than a 512-token context can use (16384)",
            (string?)error["error"]!["message"]);
    }
}
