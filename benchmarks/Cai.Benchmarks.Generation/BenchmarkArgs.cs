using System.Globalization;

namespace Cai.Benchmarks.Generation;

/// <summary>Command-line settings of the generation benchmark.</summary>
internal sealed record BenchmarkArgs(string StoriesPath, int Tokens, int Batch, int Reps, int? Threads)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        var result = new BenchmarkArgs(DefaultStories(), Tokens: 128, Batch: 8, Reps: 5, Threads: null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            result = args[i] switch
            {
                "--stories" => result with { StoriesPath = value },
                "--tokens" => result with { Tokens = Int(args[i], value) },
                "--batch" => result with { Batch = Int(args[i], value) },
                "--reps" => result with { Reps = Int(args[i], value) },
                "--threads" => result with { Threads = Int(args[i], value) },
                _ => throw new ArgumentException($"unknown option {args[i]}; expected --stories, --tokens, --batch, --reps, --threads"),
            };
        }
        return result;
    }

    static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} needs a positive integer, got '{value}'");

    static string DefaultStories()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "models", "stories260K", "stories260K.bin");
            if (File.Exists(candidate))
                return candidate;
        }
        return "/work/shared/models/stories260K/stories260K.bin";
    }
}
