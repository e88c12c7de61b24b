using System.Globalization;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>
/// How many intra-op threads torch uses: the one policy, applied once by the program's composition root (the CLI)
/// rather than as a side effect of loading a model. Precedence: an explicit count (<c>--threads</c>), then
/// <see cref="EnvironmentVariable"/>, then a count from configuration (a pipeline's <c>threads:</c>), then
/// <see cref="Default"/>. The default is one thread: on a shared machine OpenMP's spinning workers made two-thread
/// decoding many times slower than one while anything else ran, and the small models this runs gain little from a
/// second thread even when idle (benchmarks/BENCHMARKS.md, <i>Threads</i>).
/// </summary>
public static class TorchThreads
{
    /// <summary>The environment variable that overrides the default: a positive integer.</summary>
    public const string EnvironmentVariable = "CAI_THREADS";

    /// <summary>Threads when nothing says otherwise.</summary>
    public const int Default = 1;

    /// <summary>The thread count to use.</summary>
    /// <param name="explicitCount">A count given on the command line, or null.</param>
    /// <param name="environment">Reads environment variables.</param>
    /// <param name="configured">A count from a configuration file, or null.</param>
    /// <exception cref="ArgumentException">A count is not a positive integer; the message names its source.</exception>
    public static int Resolve(int? explicitCount, Func<string, string?> environment, int? configured = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (explicitCount is { } given)
            return Positive(given, "--threads");
        if (environment(EnvironmentVariable) is { Length: > 0 } text)
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnv) && fromEnv >= 1
                ? fromEnv
                : throw new ArgumentException($"{EnvironmentVariable}='{text}' is not a positive integer.", nameof(environment));
        return configured is { } fromConfig ? Positive(fromConfig, "threads") : Default;
    }

    /// <summary>Whether the count comes from the command line or the environment, so configuration must not change it.</summary>
    public static bool IsOverridden(int? explicitCount, Func<string, string?> environment) =>
        explicitCount is not null || environment(EnvironmentVariable) is { Length: > 0 };

    /// <summary>Sets torch's intra-op thread count; disposing the result restores the previous count.</summary>
    public static IDisposable Apply(int threads)
    {
        Positive(threads, nameof(threads));
        var previous = get_num_threads();
        set_num_threads(threads);
        return new Restore(previous);
    }

    static int Positive(int count, string source) =>
        count >= 1 ? count : throw new ArgumentException($"{source} must be at least 1; got {count}.", nameof(count));

    sealed class Restore(int previous) : IDisposable
    {
        bool done;

        public void Dispose()
        {
            if (done)
                return;
            done = true;
            set_num_threads(previous);
        }
    }
}
