using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Serve;

[Collection(TorchCliCollection.Name)]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_RealProcessOnPortZero_PrintsUrlAnswersAndIsKilled()
    {
        using var process = CliRun.Start(new Dictionary<string, string?>(), "serve", CliRun.Stories260K, "--port", "0", "--model-name", "tiny");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            string? line;
            Match match;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                match = Regex.Match(line ?? "", @"^listening on (http://127\.0\.0\.1:\d+)");
            }
            while (line is not null && !match.Success);
            Assert.True(match.Success, $"no 'listening on' line; stderr: {await process.StandardError.ReadToEndAsync()}");
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value + "/") };

            var models = JsonNode.Parse(await http.GetStringAsync("v1/models", timeout.Token))!;
            using var reply = await http.PostAsync("v1/chat/completions", new StringContent(
                """{"model":"tiny","messages":[{"role":"user","content":""}],"temperature":0,"max_tokens":5}"""), timeout.Token);

            Assert.Equal("tiny", (string?)models["data"]![0]!["id"]);
            Assert.True(reply.IsSuccessStatusCode);
            Assert.Equal(5, (int)JsonNode.Parse(await reply.Content.ReadAsStringAsync(timeout.Token))!["usage"]!["completion_tokens"]!);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_UnknownChatFormat_OneLineError()
    {
        var result = await CliRun.InProcessAsync("serve", CliRun.Stories260K, "--port", "0", "--chat-format", "vicuna");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --chat-format: unknown chat format 'vicuna'", result.Stderr);
    }
}
