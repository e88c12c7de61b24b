using System.Diagnostics;
using static TorchSharp.torch;

namespace Cai.Benchmarks.Training;

/// <summary>The machine's measured fp32 matmul throughput, the denominator of model-FLOPs utilisation.</summary>
internal static class MatmulPeak
{
    /// <summary>Best GFLOP/s of a 1024×1024×1024 fp32 matmul over <paramref name="repeats"/> runs (after one warm-up).</summary>
    public static double GflopsPerSecond(int repeats = 10)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn(1024, 1024), randn(1024, 1024));
        matmul(a, b);
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            matmul(a, b).Dispose();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return 2.0 * 1024 * 1024 * 1024 / best / 1e9;
    }
}
