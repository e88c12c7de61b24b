using System.Diagnostics;
using System.Text.Json;
using Cai.TestKit;

namespace Cai.Cli.Tests.Run;

/// <summary>Writes pipeline configs and prompts into a temp folder and starts or runs <c>cai run</c> on them.</summary>
internal sealed class RunFixture : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "cai-run-" + Guid.NewGuid().ToString("N"));

    public RunFixture() => Directory.CreateDirectory(Dir);

    /// <summary>Prompts q00..q{n-1}, plus the given extra texts.</summary>
    public string WritePrompts(int count, params string[] extra)
    {
        var path = Path.Combine(Dir, "prompts.jsonl");
        var lines = Enumerable.Range(0, count).Select(i => $"Tell a story number {i} about a {(i % 2 == 0 ? "cat" : "big dog")}.")
            .Concat(extra)
            .Select((text, i) => JsonSerializer.Serialize(new { id = $"q{i:00}", prompt = text }));
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>A config with an OpenAI-compatible policy at <paramref name="baseUrl"/>, the rules critic and judge.</summary>
    public string WriteConfig(Uri baseUrl, int concurrency = 2)
    {
        var constitution = SharedData.Repo("constitutions", "kind-stories.yaml");
        var path = Path.Combine(Dir, "pipeline.yaml");
        File.WriteAllText(path, $$"""
            run_dir: runs/default
            seed: 5
            prompts: { path: prompts.jsonl }
            constitution: {{constitution}}
            models:
              policy:
                spec: openai-compatible:fault-model@{{baseUrl}}
                temperature: 0
                max_tokens: 32
                max_concurrency: {{concurrency}}
                timeout: 10
                max_retries: 4
                retry_base_delay: 0.01
              critic: rules
              feedback: rules
            generate: { samples_per_prompt: 2, max_parallelism: 4 }
            revise: { rounds: 1, max_parallelism: 4 }
            pairs: { modes: [revision, feedback], test_fraction: 0.25, exports: [jsonl, kto] }
            """);
        return path;
    }

    /// <summary>Starts <c>dotnet cai.dll</c> with <paramref name="args"/> as a real process.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cai.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <c>cai</c> in this process; returns exit code and both streams.</summary>
    public static async Task<(int Code, string Out, string Err)> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CaiApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static IReadOnlyList<string> SortedLines(string runDir, string file)
    {
        var path = Path.Combine(runDir, file);
        return File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Order(StringComparer.Ordinal)] : [];
    }

    public static IReadOnlyList<string> Ids(string runDir, string file) =>
        [.. SortedLines(runDir, file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
