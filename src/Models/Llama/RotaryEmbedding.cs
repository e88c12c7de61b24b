using static TorchSharp.torch;

namespace Cai.Models.Llama;

/// <summary>
/// Rotary position embedding (Su et al. 2021, RoFormer, arXiv 2104.09864): rotates pairs of query/key dimensions by
/// position-dependent angles. <see cref="RopeLayout"/> says which dimensions pair up; the two layouts are the same
/// model up to a permutation of the q/k projection rows.
/// </summary>
internal sealed class RotaryEmbedding
{
    readonly double[] inverseFrequencies;
    readonly RopeLayout layout;
    readonly int maxPositions;
    (Tensor Cos, Tensor Sin)? table;

    public RotaryEmbedding(int headDim, double theta, RopeLayout layout, RopeScaling? scaling = null, int maxPositions = 2048)
    {
        inverseFrequencies = RopeScaling.InverseFrequencies(headDim, theta, scaling);
        this.layout = layout;
        this.maxPositions = maxPositions;
    }

    /// <summary>Cosines and sines for the given positions (B, T), each (B, 1, T, D/2), read from a table computed once
    /// (in float64, as the per-call computation did) so a decoding step does no trigonometry.</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions)
    {
        var (cosTable, sinTable) = Table(positions.device);                                          // (P, D/2)
        var shape = new long[] { positions.shape[0], 1, positions.shape[1], inverseFrequencies.Length };
        var flat = positions.reshape(-1);                                                            // (B T)
        return (cosTable.index_select(0, flat).view(shape), sinTable.index_select(0, flat).view(shape));
    }

    // Locked: decode workers on different threads share the model (LocalChatClientOptions.DecodeWorkers).
    (Tensor Cos, Tensor Sin) Table(Device device)
    {
        lock (inverseFrequencies)
            return table is { } cached && cached.Cos.device == device ? cached : Build(device);
    }

    (Tensor Cos, Tensor Sin) Build(Device device)
    {
        using var scope = NewDisposeScope();
        var inv = tensor(inverseFrequencies, dtype: ScalarType.Float64, device: device);              // (D/2)
        var angles = arange(maxPositions, dtype: ScalarType.Float64, device: device).unsqueeze(-1) * inv; // (P, D/2)
        var cos = angles.cos().to(ScalarType.Float32).DetachFromDisposeScope();
        var sin = angles.sin().to(ScalarType.Float32).DetachFromDisposeScope();
        table = (cos, sin);
        return (cos, sin);
    }

    /// <summary>Rotates x (B, H, T, D) by the angles from <see cref="Angles"/>.</summary>
    public Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var dtype = x.dtype;
        if (dtype != ScalarType.Float32) // each conversion is a call into libtorch; a decoding step makes many
            x = x.to(ScalarType.Float32);
        if (cos.device != x.device)
            (cos, sin) = (cos.to(x.device), sin.to(x.device));
        var half = x.shape[^1] / 2;
        if (layout == RopeLayout.HalfSplit)
        {
            var x1 = x[.., .., .., ..(int)half];                                // (B, H, T, D/2)
            var x2 = x[.., .., .., (int)half..];                                // (B, H, T, D/2)
            var halves = cat([x1 * cos - x2 * sin, (x2 * cos).Plus(x1 * sin)], dim: -1);             // (B, H, T, D)
            return dtype == ScalarType.Float32 ? halves : halves.to(dtype);
        }
        var pairs = x.unflatten(3, [half, 2]);                                  // (B, H, T, D/2, 2)
        var a = pairs[.., .., .., .., 0];                                       // (B, H, T, D/2)
        var b = pairs[.., .., .., .., 1];
        var rotated = stack([a * cos - b * sin, (a * sin).Plus(b * cos)], dim: -1).flatten(-2);  // (B, H, T, D)
        return dtype == ScalarType.Float32 ? rotated : rotated.to(dtype);
    }
}
