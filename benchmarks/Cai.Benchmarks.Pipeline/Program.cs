using Cai.Benchmarks.Pipeline;

// Pipeline throughput against a fixed-latency OpenAI-compatible endpoint (the test kit's FaultServer, in process).
// Usage: dotnet run -c Release --project benchmarks/Cai.Benchmarks.Pipeline -- [latency-ms] [concurrency...]
var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0]) : 50);
int[] levels = args.Length > 1 ? [.. args.Skip(1).Select(int.Parse)] : [8, 32, 128];

Console.WriteLine($"cai pipeline throughput: generate -> revise (rules critic) -> prefs (rules judge), {latency.TotalMilliseconds:F0} ms per model call");
Console.WriteLine($"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
await ThroughputRun.RunAsync(latency, concurrency: 8, prompts: 40); // warm-up: JIT, Kestrel, connection pool
Console.WriteLine("| concurrency | records | wall s | achieved rec/s | ideal rec/s | efficiency | CPU ms/record |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var c in levels)
{
    var result = await ThroughputRun.RunAsync(latency, c, prompts: c * 20);
    var ideal = c / latency.TotalSeconds;
    Console.WriteLine($"| {c} | {result.Records} | {result.Wall.TotalSeconds:F2} | {result.Records / result.Wall.TotalSeconds:F1} | " +
                      $"{ideal:F1} | {result.Records / result.Wall.TotalSeconds / ideal:P0} | {result.Cpu.TotalMilliseconds / result.Records:F2} |");
}
