namespace Cai.Models.Llama;

/// <summary>
/// RoPE frequency scaling for contexts longer than the model was pretrained on (config.json's <c>rope_scaling</c>):
/// <c>linear</c> (position interpolation, every frequency divided by the factor) and <c>llama3</c> (Llama 3.1/3.2:
/// low frequencies divided by the factor, high ones kept, a smooth blend between).
/// </summary>
/// <param name="Type">rope_type: linear or llama3.</param>
/// <param name="Factor">factor.</param>
/// <param name="LowFreqFactor">low_freq_factor (llama3).</param>
/// <param name="HighFreqFactor">high_freq_factor (llama3).</param>
/// <param name="OriginalMaxPositionEmbeddings">original_max_position_embeddings (llama3).</param>
public sealed record RopeScaling(string Type, double Factor, double? LowFreqFactor = null, double? HighFreqFactor = null,
    int? OriginalMaxPositionEmbeddings = null)
{
    /// <summary>The rope_type values this build computes.</summary>
    public static IReadOnlyList<string> SupportedTypes { get; } = ["linear", "llama3"];

    /// <summary>The problem with these values, naming the field, or null when they are usable.</summary>
    public string? Problem()
    {
        if (!SupportedTypes.Contains(Type))
            return $"rope_type '{Type}' is not implemented (supported: {string.Join(", ", SupportedTypes)})";
        if (!(Factor >= 1))
            return $"factor must be at least 1, got {Factor}";
        if (Type != "llama3")
            return null;
        if (LowFreqFactor is not > 0 || HighFreqFactor is not > 0 || HighFreqFactor <= LowFreqFactor)
            return "llama3 needs low_freq_factor and high_freq_factor with 0 < low < high";
        return OriginalMaxPositionEmbeddings is > 0 ? null : "llama3 needs original_max_position_embeddings > 0";
    }

    /// <summary>
    /// The inverse frequencies 1 / theta^(2i / d) for i in [0, d/2), scaled by <paramref name="scaling"/> when given
    /// (as HF transformers' <c>_compute_llama3_parameters</c> and <c>_compute_linear_scaling_rope_parameters</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The scaling is unsupported or incomplete (see <see cref="Problem"/>).</exception>
    public static double[] InverseFrequencies(int headDim, double theta, RopeScaling? scaling)
    {
        var inv = Enumerable.Range(0, headDim / 2).Select(i => 1.0 / Math.Pow(theta, 2.0 * i / headDim)).ToArray();
        if (scaling is null)
            return inv;
        if (scaling.Problem() is { } problem)
            throw new ArgumentException($"rope_scaling: {problem}.", nameof(scaling));
        if (scaling.Type == "linear")
            return [.. inv.Select(f => f / scaling.Factor)];
        var (low, high, original) = (scaling.LowFreqFactor!.Value, scaling.HighFreqFactor!.Value, scaling.OriginalMaxPositionEmbeddings!.Value);
        var (lowFreqWavelength, highFreqWavelength) = (original / low, original / high);
        return [.. inv.Select(f =>
        {
            var wavelength = 2 * Math.PI / f;
            if (wavelength < highFreqWavelength)
                return f;                                    // high frequencies: local order, kept
            if (wavelength > lowFreqWavelength)
                return f / scaling.Factor;                   // low frequencies: interpolated
            var smooth = (original / wavelength - low) / (high - low);
            return (1 - smooth) * f / scaling.Factor + smooth * f;
        })];
    }
}
