using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Tokens per second (run.c counts every position after the first, prompt included) for <paramref name="steps"/>
    /// positions, and the CPU seconds the process used in all (user + system, loading the files included): on a shared
    /// machine the CPU time says what the work costs, the wall time also how much of a core the scheduler gave it.
    /// Top-p is 1 (run.c's default is 0.9), so both engines sample from the whole distribution as cai's TopP 1 does.
    /// </summary>
    public (double TokensPerSecond, double CpuSeconds) Measure(string checkpoint, string tokenizer, string prompt, int steps, int seed)
    {
        var before = ChildrenCpuSeconds();
        var stderr = Exec(binary, [checkpoint, "-z", tokenizer, "-n", steps.ToString(CultureInfo.InvariantCulture), "-i", prompt,
            "-t", "1.0", "-p", "1.0", "-s", seed.ToString(CultureInfo.InvariantCulture)]);
        var cpu = ChildrenCpuSeconds() - before;
        var match = Achieved().Match(stderr);
        return match.Success
            ? (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), cpu)
            : throw new InvalidOperationException($"run.c printed no tok/s: {stderr}");
    }

    /// <summary>User + system CPU seconds of the children this process has waited for (getrusage RUSAGE_CHILDREN).</summary>
    static double ChildrenCpuSeconds()
    {
        if (getrusage(-1, out var usage) != 0)
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int getrusage(int who, out Rusage usage);

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
