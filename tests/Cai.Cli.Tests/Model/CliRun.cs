using System.Diagnostics;

namespace Cai.Cli.Tests.Model;

/// <summary>Runs <c>cai</c> in-process (fast) or as a real child process (cai.dll beside the test binaries).</summary>
internal static class CliRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Stories260K => Cai.TestKit.SharedData.Require("models", "stories260K", "stories260K.bin");

    public static async Task<Result> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CaiApp.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts <c>dotnet cai.dll args</c> with redirected output and the given extra environment.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        StartIn(environment, null, args);

    /// <summary>Starts <c>dotnet cai.dll args</c> in <paramref name="workingDirectory"/> (null: the current one).</summary>
    public static Process StartIn(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cai.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    public static Task<Result> ProcessAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ProcessInAsync(environment, null, args);

    /// <summary>Runs <c>cai</c> as a real process in <paramref name="workingDirectory"/> and waits (2 minutes at most).</summary>
    public static async Task<Result> ProcessInAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory,
        params string[] args)
    {
        using var process = StartIn(environment, workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Tests that load torch models share one non-parallel collection, run with one intra-op thread.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCliCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "torch cli";
}

/// <summary>
/// One torch intra-op thread for the collection: the tiny test model gains nothing from more, and on a busy 2-core
/// machine OpenMP's spinning threads slow it down many times. The previous setting is restored afterwards.
/// </summary>
public sealed class SingleThreadedTorch : IDisposable
{
    readonly int previous = TorchSharp.torch.get_num_threads();

    public SingleThreadedTorch() => TorchSharp.torch.set_num_threads(1);

    public void Dispose() => TorchSharp.torch.set_num_threads(previous);
}
