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
        using var process = CliRun.Start(new Dictionary<string, string?>(), "serve", CliRun.Stories260K, "--port", "0", "--model-name", "tiny",
            "--decode-workers", "2", "--max-batch", "4");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var listening = ReadListeningUrlAsync(process.StandardOutput);
            // Pipe reads do not observe cancellation on Unix, so the deadline is a race, not a token.
            var first = await Task.WhenAny(listening, Task.Delay(TimeSpan.FromMinutes(1)));
            Assert.True(first == listening, $"no 'listening on' line within a minute; exited: {process.HasExited}");
            var url = await listening;
            Assert.True(url is not null, "the server exited without printing 'listening on'");
            using var http = new HttpClient { BaseAddress = new Uri(url + "/") };

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
            await stderr;
        }
    }

    static async Task<string?> ReadListeningUrlAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
            if (Regex.Match(line, @"^listening on (http://127\.0\.0\.1:\d+)") is { Success: true } match)
                return match.Groups[1].Value;
        return null;
    }

    [Fact]
    public async Task Serve_BusyPort_OneCleanErrorLine()
    {
        var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

            var result = await CliRun.ProcessAsync(new Dictionary<string, string?>(), "serve", CliRun.Stories260K, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port}:", line);
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public async Task Serve_UnknownChatFormat_OneLineError()
    {
        var result = await CliRun.InProcessAsync("serve", CliRun.Stories260K, "--port", "0", "--chat-format", "vicuna");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --chat-format: unknown chat format 'vicuna'", result.Stderr);
    }

    [Theory]
    [InlineData("--decode-workers", "--decode-workers: must be in [1, 256] (got 0)")]
    [InlineData("--max-batch", "--max-batch-size: must be >= 1 (got 0)")]
    [InlineData("--max-queue", "--max-queue: must be >= 1 (got 0)")]
    [InlineData("--port", "--port: must be in [0, 65535] (got 70000)", "70000")]
    public async Task Serve_LimitOutsideItsRange_OneLineError(string option, string expected, string value = "0")
    {
        var result = await CliRun.InProcessAsync("serve", CliRun.Stories260K, option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"error: {expected}", result.Stderr.Trim());
    }
}
