using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Cai.Benchmarks.Generation;

/// <summary>The machine a benchmark ran on, as one line for BENCHMARKS.md.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"CPU: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}; logical cores: {Environment.ProcessorCount}; " +
               $"torch threads: {get_num_threads()}; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; " +
               $"cuda: {cuda.is_available()}";
    }
}
