using Cai.TestKit;
using System.Diagnostics;
using System.Globalization;
using Cai.Models.Llama2c;

namespace Cai.Benchmarks.Generation;

/// <summary>
/// The `tokenizer` mode: <see cref="Llama2cTokenizer.Encode"/> on 1,000,000 characters of the merge tests' random story
/// text with both llama2.c vocabularies (tok512.bin of stories260K and the 32,000-piece tokenizer.bin), process CPU time
/// and wall time of each call, medians of --reps after three warmups, with the ids count and a hash of the ids (to compare
/// builds: equal hashes, equal ids).
/// </summary>
internal static class TokenizerBenchmark
{
    const int Warmups = 3;

    public static void Run(BenchmarkArgs options, int characters)
    {
        var text = StoryText.Random(new Random(5), characters);
        (string Name, string Path, int Vocab)[] vocabularies =
        [
            ("tok512 (stories260K)", System.IO.Path.Combine(options.Shared, "models", "stories260K", "tok512.bin"), 512),
            ("tokenizer.bin (32,000)", System.IO.Path.Combine(options.Shared, "anchors", "llama2.c", "tokenizer.bin"), 32000),
        ];
        Console.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} logical cores; .NET {Environment.Version}");
        Console.WriteLine($"settings: Encode(text, addBos: true) on {text.Length:N0} characters (StoryText.Random(new Random(5))), " +
            $"{options.Reps} repetitions after {Warmups} warmups, medians; CPU is the whole process's");
        Console.WriteLine();
        Console.WriteLine("| vocabulary | ids | ids hash | CPU s (median) | CPU min-max | wall s (median) | wall min-max | load s |");
        Console.WriteLine("|---|---:|---|---:|---|---:|---|---:|");
        foreach (var (name, path, vocab) in vocabularies)
        {
            var load = Stopwatch.StartNew();
            var tokenizer = Llama2cTokenizer.Load(path, vocab);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var ids = tokenizer.Encode(text);
            for (var i = 1; i < Warmups; i++) // Encode runs once per 1 MB: let tiered compilation finish its hot loops first
                ids = tokenizer.Encode(text);
            var runs = Enumerable.Range(0, options.Reps).Select(_ =>
            {
                GC.Collect();
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                ids = tokenizer.Encode(text);
                var wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                return (Cpu: (process.TotalProcessorTime - cpu).TotalSeconds, Wall: wall);
            }).ToList();
            var cpus = runs.Select(r => r.Cpu).Order().ToList();
            var walls = runs.Select(r => r.Wall).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {ids.Count:N0} | {Hash(ids):x16} | {Median(cpus):F3} | {cpus[0]:F3}-{cpus[^1]:F3} | " +
                $"{Median(walls):F3} | {walls[0]:F3}-{walls[^1]:F3} | {loadSeconds:F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    static ulong Hash(IReadOnlyList<int> ids)
    {
        var hash = 14695981039346656037UL; // FNV-1a over the ids
        foreach (var id in ids)
            hash = (hash ^ (uint)id) * 1099511628211UL;
        return hash;
    }

    static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
}
