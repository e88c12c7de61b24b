using System.Globalization;

namespace Cai.Benchmarks.Generation;

/// <summary>Command-line settings of the generation benchmark.</summary>
internal sealed record BenchmarkArgs(string Shared, int Tokens, IReadOnlyList<int> Batches, int Reps, string Prompt, bool Threads)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        var result = new BenchmarkArgs(DefaultShared(), Tokens: 256, Batches: [1, 8, 32, 64], Reps: 3, Prompt: "Once upon a", Threads: true);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            result = args[i] switch
            {
                "--shared" => result with { Shared = value },
                "--tokens" => result with { Tokens = Int(args[i], value) },
                "--batches" => result with { Batches = value.Split(',').Select(b => Int(args[i], b)).ToArray() },
                "--reps" => result with { Reps = Int(args[i], value) },
                "--prompt" => result with { Prompt = value },
                "--threads" => result with { Threads = value != "off" },
                _ => throw new ArgumentException(
                    $"unknown option {args[i]}; expected --shared, --tokens, --batches, --reps, --prompt, --threads on|off"),
            };
        }
        return result;
    }

    static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} needs a positive integer, got '{value}'");

    static string DefaultShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "anchors", "llama2.c", "run.c")))
                return candidate;
        }
        return "/work/shared";
    }
}
