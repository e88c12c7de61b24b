using System.Text.Json;
using Cai.Cli.Tests.Model;
using Cai.Cli.Tests.Run;
using Cai.Core.Runs;
using Cai.TestKit;
using Cai.TestKit.FaultServer;

namespace Cai.Cli.Tests.Secrets;

/// <summary>
/// Real <c>cai run</c> and <c>cai generate</c> processes against a server that answers 401 and repeats the key it
/// received in the error body: the key must reach the server (it was asked for) and nothing the process writes.
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    const string Key = "sk-leaktest-7f3a9c2e5b1d4068aa19";
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_ServerEchoesTheKey_KeyInNoFileLogOrStream()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.EchoCredentials });
        fixture.WritePrompts(2);
        var config = Path.Combine(fixture.Dir, "pipeline.yaml");
        File.WriteAllText(config, $$"""
            run_dir: run
            seed: 1
            prompts: { path: prompts.jsonl }
            constitution: {{SharedData.Repo("constitutions", "kind-stories.yaml")}}
            models:
              policy:
                spec: openai-compatible:fault-model@${CAI_LEAKTEST_BASE_URL}
                api_key_env: CAI_LEAKTEST_SERVER_KEY
                max_retries: 0
                timeout: 10
              critic: rules
            generate: { samples_per_prompt: 1 }
            revise: { rounds: 1 }
            """);
        var runDir = Path.Combine(fixture.Dir, "run");

        var result = await CliRun.ProcessAsync(new Dictionary<string, string?>
        {
            ["CAI_LEAKTEST_SERVER_KEY"] = Key,
            ["CAI_LEAKTEST_BASE_URL"] = server.BaseUrl.ToString(),
        }, "run", config);

        Assert.Contains($"Bearer {Key}", server.Authorizations); // the key went where the config sent it...
        var failed = File.ReadAllText(Path.Combine(runDir, "generate.failed.jsonl"));
        Assert.Contains("http_401", failed); // ...and the echoing 401 body was recorded
        Assert.Contains("Incorrect API key provided: [REDACTED]", failed);
        var logs = Directory.GetFiles(Path.Combine(runDir, "logs"), "*.json").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(logs);
        var manifest = File.ReadAllText(Path.Combine(runDir, RunManifestFile.FileName));
        foreach (var (name, text) in new[] { ("failed.jsonl", failed), ("manifest", manifest), ("stdout", result.Stdout), ("stderr", result.Stderr) }
                     .Concat(logs.Select(l => ("log", l))))
            Assert.False(text.Contains(Key, StringComparison.Ordinal), $"{name} holds the key:\n{text}");
        // The manifest names the spec as written, before ${VAR} interpolation, in the models and in the config copy.
        var written = "openai-compatible:fault-model@${CAI_LEAKTEST_BASE_URL}";
        using var json = JsonDocument.Parse(manifest);
        Assert.Equal(written, json.RootElement.GetProperty("models").GetProperty("policy").GetString());
        Assert.Equal(written, json.RootElement.GetProperty("config").GetProperty("policy").GetProperty("spec").GetString());
        Assert.DoesNotContain(server.BaseUrl.ToString(), manifest);
    }

    [Fact]
    public async Task Generate_ServerEchoesTheKey_KeyNotInFailedRecordLogOrStderr()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.EchoCredentials });
        var prompts = fixture.WritePrompts(1);
        var outDir = Path.Combine(fixture.Dir, "gen");

        var result = await CliRun.ProcessAsync(new Dictionary<string, string?> { ["MY_VLLM_TOKEN"] = Key },
            "generate", "--model", $"openai-compatible:fault-model@{server.BaseUrl}", "--api-key-env", "MY_VLLM_TOKEN",
            "--in", prompts, "--out", outDir, "--samples", "1", "--log-level", "debug");

        Assert.Contains($"Bearer {Key}", server.Authorizations);
        var failed = File.ReadAllText(Path.Combine(outDir, "generate.failed.jsonl"));
        Assert.Contains("http_401", failed);
        var logs = string.Concat(Directory.GetFiles(Path.Combine(outDir, "logs"), "*.json").Select(File.ReadAllText));
        Assert.DoesNotContain(Key, failed);
        Assert.DoesNotContain(Key, logs);
        Assert.DoesNotContain(Key, result.Stderr);
        Assert.DoesNotContain(Key, result.Stdout);
    }

    [Fact]
    public async Task Generate_OpenAICompatibleWithoutApiKeyEnv_OpenAIKeyNeverSent()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.EchoCredentials });
        var prompts = fixture.WritePrompts(1);
        var outDir = Path.Combine(fixture.Dir, "gen");

        var result = await CliRun.ProcessAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Key },
            "generate", "--model", $"openai-compatible:fault-model@{server.BaseUrl}", "--in", prompts, "--out", outDir, "--samples", "1");

        Assert.NotEqual(0, server.RequestCount);
        Assert.All(server.Authorizations, Assert.Null);
        Assert.Contains("http_401", File.ReadAllText(Path.Combine(outDir, "generate.failed.jsonl")));
        Assert.DoesNotContain(Key, result.Stderr);
    }

    [Fact]
    public async Task Chat_ApiKeyEnv_SendsThatKeyAndOnlyThen()
    {
        await using var server = await FaultServer.StartAsync();
        var variable = "CAI_CHAT_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Key);
        try
        {
            var spec = $"openai-compatible:fault-model@{server.BaseUrl}";

            var without = await CliRun.InProcessAsync("chat", "--model", spec, "--prompt", "first");
            var with = await CliRun.InProcessAsync("chat", "--model", spec, "--prompt", "second", "--api-key-env", variable);

            Assert.Equal((0, 0), (without.ExitCode, with.ExitCode));
            Assert.Equal([null, $"Bearer {Key}"], server.Authorizations);
            Assert.Equal("echo: second", with.Stdout.Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Run_SpecWithUrlPassword_ErrorMasksThePassword()
    {
        var result = await CliRun.InProcessAsync("generate", "--model", "openai-compatible:m@http://alice:hunter2-PASSWORD@10.9.8.7/v1",
            "--in", fixture.WritePrompts(1), "--out", Path.Combine(fixture.Dir, "gen"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("alice:[REDACTED]@", result.Stderr);
        Assert.DoesNotContain("hunter2-PASSWORD", result.Stderr);
    }
}
