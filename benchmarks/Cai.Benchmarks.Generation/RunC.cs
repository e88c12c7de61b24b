using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cai.Benchmarks.Generation;

/// <summary>
/// llama2.c's run.c, compiled at benchmark time into a temporary folder (gcc -O3 -march=native, no OpenMP: one
/// thread) and run on the same checkpoint file; its own "achieved tok/s" line is the measurement.
/// </summary>
internal sealed partial class RunC(string binary)
{
    public static RunC Build(string source, string folder)
    {
        var binary = Path.Combine(folder, "run");
        Exec("gcc", ["-O3", "-march=native", "-o", binary, source, "-lm"]);
        return new RunC(binary);
    }

    /// <summary>Tokens per second (run.c counts every position after the first, prompt included) for <paramref name="steps"/> positions.</summary>
    public double TokensPerSecond(string checkpoint, string tokenizer, string prompt, int steps, int seed)
    {
        var stderr = Exec(binary, [checkpoint, "-z", tokenizer, "-n", steps.ToString(CultureInfo.InvariantCulture), "-i", prompt,
            "-t", "1.0", "-s", seed.ToString(CultureInfo.InvariantCulture)]);
        var match = Achieved().Match(stderr);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"run.c printed no tok/s: {stderr}");
    }

    /// <summary>Runs a program to its end; returns its standard error, throws with it on a non-zero exit.</summary>
    public static string Exec(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return process.ExitCode == 0 ? stderr : throw new InvalidOperationException($"{file} exited {process.ExitCode}: {stderr}");
    }

    [GeneratedRegex(@"achieved tok/s: ([0-9.]+)")]
    private static partial Regex Achieved();
}
