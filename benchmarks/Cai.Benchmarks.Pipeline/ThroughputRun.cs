using System.Diagnostics;
using System.Text.Json;
using Cai.Core.Runs;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Benchmarks.Pipeline;

/// <summary>One measured run of the real composed pipeline over a fresh run directory.</summary>
internal static class ThroughputRun
{
    public sealed record Result(int Records, TimeSpan Wall, TimeSpan Cpu);

    /// <summary>
    /// One sample per prompt, so a record is one model call; answers pass every check, so the rules critic asks for no
    /// revision and the model-bound ideal is concurrency / latency records per second.
    /// </summary>
    public static async Task<Result> RunAsync(TimeSpan latency, int concurrency, int prompts)
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            ResponseDelay = latency,
            Responder = _ => "The cat found a red ball and shared it with a friend.",
        });
        var dir = Directory.CreateTempSubdirectory("cai-bench-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "prompts.jsonl"),
                Enumerable.Range(0, prompts).Select(i => JsonSerializer.Serialize(new { id = $"b{i}", prompt = $"Tell story {i}." })));
            var config = PipelineConfigLoader.Parse($$"""
                prompts: { path: prompts.jsonl }
                constitution: {{Path.Combine(RepoRoot(), "constitutions", "kind-stories.yaml")}}
                models:
                  policy: { spec: "openai-compatible:bench@{{server.BaseUrl}}", temperature: 0, max_tokens: 32, max_concurrency: {{concurrency}} }
                  critic: rules
                  feedback: rules
                generate: { samples_per_prompt: 1, max_parallelism: {{concurrency}} }
                revise: { rounds: 1, max_parallelism: {{concurrency}} }
                pairs: { modes: [revision], max_parallelism: {{concurrency}} }
                runner: { channel_capacity: {{Math.Max(64, concurrency * 2)}} }
                """, Path.Combine(dir, "pipeline.yaml"));
            using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);
            await using var pipeline = PipelineComposer.Compose(config, Path.Combine(dir, "run"), clients, retryFailed: false,
                NullLoggerFactory.Instance, TimeProvider.System);
            var runner = new PipelineRunner(Path.Combine(dir, "run"), pipeline.Steps,
                config.Runner with { LogProgress = false }, TimeProvider.System,
                NullLogger<PipelineRunner>.Instance);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var outcome = await runner.RunAsync(PromptSource.ReadAsync(config.Prompts), pipeline.Manifest, CancellationToken.None);
            clock.Stop();
            process.Refresh();
            var records = outcome.Manifest.Stages["revise"].Written;
            if (records != prompts)
                throw new InvalidOperationException($"expected {prompts} records through the pipeline, got {records}");
            return new Result(records, clock.Elapsed, process.TotalProcessorTime - cpu);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "cai.sln")))
                return d.FullName;
        throw new DirectoryNotFoundException("cai.sln not found above " + AppContext.BaseDirectory);
    }
}
