using System.Diagnostics;
using System.Globalization;
using Cai.Benchmarks.Training;
using static TorchSharp.torch;

// cai training benchmark: DPO step time, tokens/s and model-FLOPs utilisation (MFU) against the fp32 matmul peak
// measured in the same run. Each (model, reference mode) runs in a child process so its peak working set is its own.
// Usage: dotnet run -c Release --project benchmarks/Cai.Benchmarks.Training -- [stories260K.bin] [threads]
//        dotnet run -c Release --project benchmarks/Cai.Benchmarks.Training -- ppo [stories260K.bin] [threads] [prompts.jsonl] [stories260K,llama-10M]
//        dotnet run -c Release --project benchmarks/Cai.Benchmarks.Training -- grpo grpo|ppo [stories260K.bin] [threads] [prompts.jsonl] [stories260K]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 1 && args[0] == "grpo")
{
    var storiesPath = args.Length > 2 ? args[2] : Path.Combine("..", "shared", "models", "stories260K", "stories260K.bin");
    var grpoThreads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
    var promptsPath = args.Length > 4 ? args[4] : Path.Combine("examples", "experiment", "prompts.jsonl");
    var name = args.Length > 5 ? args[5] : "stories260K";
    set_num_threads(grpoThreads);
    var (update, rollout, peakBytes) = GrpoStepBenchmark.Run(args[1], name, storiesPath, promptsPath);
    Console.WriteLine(FormattableString.Invariant(
        $"{args[1]} {name}: 32 completions/update, {grpoThreads} torch thread(s), median of {GrpoStepBenchmark.TimedUpdates} updates after {GrpoStepBenchmark.WarmupUpdates} warm-up: update {update:F2} s (rollout {rollout:F2} s), peak working set {peakBytes / (1024.0 * 1024):F0} MiB"));
    return;
}

if (args.Length > 0 && args[0] == "ppo")
{
    var storiesPath = args.Length > 1 ? args[1] : Path.Combine("..", "shared", "models", "stories260K", "stories260K.bin");
    var ppoThreads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var promptsPath = args.Length > 3 ? args[3] : Path.Combine("examples", "experiment", "prompts.jsonl");
    set_num_threads(ppoThreads);
    Console.WriteLine(FormattableString.Invariant($"machine: {Environment.ProcessorCount} logical CPUs, {ppoThreads} torch thread(s); {PpoStepBenchmark.Responses} responses per update, medians of {PpoStepBenchmark.TimedUpdates} updates after {PpoStepBenchmark.WarmupUpdates} warm-up"));
    Console.WriteLine("| model | update total (s) | rollout (s) | scoring (s) | policy+value forward (s) | reference (s) | PPO epochs (s) | rollout tokens/s | mean response tokens |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var name in (args.Length > 4 ? args[4] : "stories260K,llama-10M").Split(','))
    {
        var m = PpoStepBenchmark.Medians(name, storiesPath, promptsPath);
        var total = m["time/rollout"] + m["time/score"] + m["time/policy_forward"] + m["time/reference"] + m["time/update"];
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {total:F2} | {m["time/rollout"]:F2} | {m["time/score"]:F4} | {m["time/policy_forward"]:F2} | {m["time/reference"]:F2} | {m["time/update"]:F2} | {m["rollout/tokens_per_s"]:F0} | {m["val/response_length"]:F1} |"));
    }

    return;
}

if (args.Length > 0 && args[0] == "--one")
{
    set_num_threads(int.Parse(args[4], CultureInfo.InvariantCulture));
    var model = DpoStepBenchmark.Model(args[1], args[3]);
    var seconds = DpoStepBenchmark.SecondsPerStep(model, precompute: args[2] == "precomputed");
    Console.WriteLine(FormattableString.Invariant($"{model.ParameterCount} {seconds} {Process.GetCurrentProcess().PeakWorkingSet64}"));
    return;
}

var stories = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "models", "stories260K", "stories260K.bin");
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
set_num_threads(threads);
var peak = MatmulPeak.GflopsPerSecond();
Console.WriteLine(FormattableString.Invariant($"machine: {Environment.ProcessorCount} logical CPUs, {threads} torch thread(s), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"));
Console.WriteLine(FormattableString.Invariant($"matmul 1024x1024 fp32 peak: {peak:F1} GFLOP/s"));
Console.WriteLine("| model | params | reference | step (s) | tokens/s | MFU | peak working set (MiB) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
const int tokens = DpoStepBenchmark.Pairs * 2 * (DpoStepBenchmark.PromptTokens + DpoStepBenchmark.CompletionTokens);
foreach (var name in new[] { "stories260K", "llama-10M" })
{
    foreach (var mode in new[] { "live", "precomputed" })
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(DpoStepBenchmark).Assembly.Location;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(dll);
        foreach (var a in new[] { "--one", name, mode, Path.GetFullPath(stories), threads.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        using var child = Process.Start(info)!;
        var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        child.WaitForExit();
        var (n, seconds, bytes) = (double.Parse(line[0]), double.Parse(line[1]), long.Parse(line[2]));
        // 6·N per token for the policy's forward + backward, 2·N per token for the reference forward (Kaplan et al. 2020).
        var flops = (6.0 + (mode == "live" ? 2.0 : 0.0)) * n * tokens;
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {n / 1e6:F2}M | {mode} | {seconds:F3} | {tokens / seconds:F0} | {flops / seconds / (peak * 1e9):P1} | {bytes / 1048576.0:F0} |"));
    }
}
