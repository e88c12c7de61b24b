using System.Diagnostics;
using System.Globalization;
using Cai.Benchmarks.Generation;
using Cai.Models;
using Cai.Models.Generation;
using static TorchSharp.torch;

// Generation throughput side by side with llama2.c's run.c, one thread each, on the same checkpoint files: stories260K
// (../shared) and a seeded random checkpoint shaped like stories15M (written by ../shared/tools/make_random_llama2c.py,
// which needs python3-numpy). Tokens/s of TextGenerator at several batch sizes (NumReturnSequences of one prompt, each
// row its own sample) against run.c's single stream, medians of --reps runs after a warmup, with each engine's CPU time
// per generated token (whole process; on a shared machine the wall clock also measures the scheduler); then the default thread
// policy (TorchThreads) and two threads, idle and beside a busy neighbour process (`yes`).
// Usage: dotnet run -c Release --project benchmarks/Cai.Benchmarks.Generation -- [--shared DIR] [--tokens 256]
//        [--batches 1,8,32,64] [--reps 3] [--prompt "Once upon a"] [--threads on|off]
// Tokenizer mode (Llama2cTokenizer.Encode on 1,000,000 characters, both vocabularies, no model, no run.c):
//        dotnet run -c Release --project benchmarks/Cai.Benchmarks.Generation -- tokenizer [--shared DIR] [--reps 5]
if (args is ["tokenizer", .. var tokenizerArgs])
{
    var parsed = BenchmarkArgs.Parse(tokenizerArgs);
    TokenizerBenchmark.Run(tokenizerArgs.Contains("--reps") ? parsed : parsed with { Reps = 5 }, 1_000_000);
    return;
}
var options = BenchmarkArgs.Parse(args);
var work = Directory.CreateTempSubdirectory("cai-bench-");
try
{
    var runC = RunC.Build(Path.Combine(options.Shared, "anchors", "llama2.c", "run.c"), work.FullName);
    var random15M = Path.Combine(work.FullName, "random15M.bin");
    RunC.Exec("/usr/bin/python3", [Path.Combine(options.Shared, "tools", "make_random_llama2c.py"), random15M]);
    (string Name, string Model, string Tokenizer)[] models =
    [
        ("stories260K", Path.Combine(options.Shared, "models", "stories260K", "stories260K.bin"),
            Path.Combine(options.Shared, "models", "stories260K", "tok512.bin")),
        ("random 15M", random15M, Path.Combine(options.Shared, "anchors", "llama2.c", "tokenizer.bin")),
    ];
    set_num_threads(1);
    Console.WriteLine($"machine: {MachineInfo.Describe()}; load average at start: {LoadAverage()}");
    Console.WriteLine($"settings: prompt \"{options.Prompt}\", {options.Tokens} new tokens (fewer where the context ends), " +
        $"temperature 1, {options.Reps} repetitions after 1 warmup, medians; both engines stop at BOS as run.c does");
    Console.WriteLine();
    Console.WriteLine("| model | engine | batch | tokens/s (median) | min | max | vs run.c single stream | CPU ms per token (median) | run.c CPU / cai CPU |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var (name, path, tokenizerPath) in models)
    {
        using var model = LocalModel.Load(path, tokenizerPath);
        var prompt = model.Tokenizer.Encode(options.Prompt, addBos: true);
        var steps = Math.Min(prompt.Count + options.Tokens, model.Module.MaxLength);
        var runCRuns = Repeat(options.Reps, () =>
        {
            var (rate, cpu) = runC.Measure(path, tokenizerPath, options.Prompt, steps, 1);
            return new Run(rate, cpu * 1000 / (steps - 1));
        });
        var baseline = new Run(Median(runCRuns.Select(r => r.TokensPerSecond)), Median(runCRuns.Select(r => r.CpuMsPerToken)));
        Row(name, "run.c", 1, runCRuns, baseline);
        foreach (var batch in options.Batches)
        {
            var generation = new GenerationOptions
            {
                MaxNewTokens = steps - prompt.Count, Temperature = 1, Seed = 1, NumReturnSequences = batch,
            };
            Row(name, "cai", batch, Repeat(options.Reps, () => Measure(model.Generator, prompt, generation)), baseline);
        }
    }
    if (options.Threads)
        Threads(models[1].Model, models[1].Tokenizer, options);
}
finally
{
    work.Delete(recursive: true);
}

// 1 vs 2 threads and the default policy, idle and beside a process that keeps one core busy.
static void Threads(string path, string tokenizerPath, BenchmarkArgs options)
{
    Console.WriteLine();
    Console.WriteLine($"threads: random 15M single stream, {options.Tokens} new tokens at most, tokens/s median of {options.Reps}");
    Console.WriteLine();
    Console.WriteLine("| threads | idle | beside `yes > /dev/null` | busy / idle |");
    Console.WriteLine("|---|---|---|---|");
    using var model = LocalModel.Load(path, tokenizerPath);
    var prompt = model.Tokenizer.Encode(options.Prompt, addBos: true);
    var generation = new GenerationOptions
    {
        MaxNewTokens = Math.Min(options.Tokens, model.Module.MaxLength - prompt.Count), Temperature = 1, Seed = 1,
    };
    foreach (var (label, threads) in new[] { ($"default policy ({TorchThreads.Default})", TorchThreads.Default), ("2", 2) })
    {
        using var applied = TorchThreads.Apply(threads);
        var idle = Median(Repeat(options.Reps, () => Measure(model.Generator, prompt, generation)).Select(r => r.TokensPerSecond));
        using var neighbour = Process.Start(new ProcessStartInfo("sh", ["-c", "exec yes > /dev/null"]))!;
        double busy;
        try
        {
            busy = Median(Repeat(options.Reps, () => Measure(model.Generator, prompt, generation)).Select(r => r.TokensPerSecond));
        }
        finally
        {
            neighbour.Kill();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {idle:F0} | {busy:F0} | {idle / busy:F2}x slower |"));
    }
}

// Tokens/s of one generation and the CPU milliseconds the whole process spent per generated token (every thread: torch,
// GC, JIT), the same measure as run.c's whole-process CPU.
static Run Measure(TextGenerator generator, IReadOnlyList<int> prompt, GenerationOptions generation)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var tokens = generator.GenerateIds([prompt], generation).Sum(s => s.Ids.Count);
    var seconds = clock.Elapsed.TotalSeconds;
    process.Refresh();
    return new Run(tokens / seconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / tokens);
}

static List<Run> Repeat(int reps, Func<Run> measure)
{
    measure(); // warmup
    return Enumerable.Range(0, reps).Select(_ => measure()).OrderBy(r => r.TokensPerSecond).ToList();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Row(string model, string engine, int batch, List<Run> runs, Run baseline)
{
    var rate = Median(runs.Select(r => r.TokensPerSecond));
    var cpu = Median(runs.Select(r => r.CpuMsPerToken));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {model} | {engine} | {batch} | {rate:F0} | {runs[0].TokensPerSecond:F0} | {runs[^1].TokensPerSecond:F0} | " +
        $"{rate / baseline.TokensPerSecond:F2}x | {cpu:F2} | {baseline.CpuMsPerToken / cpu:F2}x |"));
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

/// <summary>One measured generation: tokens/s (wall clock) and CPU milliseconds per generated token.</summary>
internal readonly record struct Run(double TokensPerSecond, double CpuMsPerToken);
