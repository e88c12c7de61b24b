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

    public RotaryEmbedding(int headDim, double theta, RopeLayout layout, RopeScaling? scaling = null)
    {
        inverseFrequencies = RopeScaling.InverseFrequencies(headDim, theta, scaling);
        this.layout = layout;
    }

    /// <summary>Cosines and sines for the given positions (B, T), each (B, 1, T, D/2).</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions)
    {
        var inv = tensor(inverseFrequencies, dtype: ScalarType.Float64, device: positions.device);  // (D/2)
        var angles = positions.to(ScalarType.Float64).unsqueeze(-1) * inv;                         // (B, T, D/2)
        return (angles.cos().to(ScalarType.Float32).unsqueeze(1), angles.sin().to(ScalarType.Float32).unsqueeze(1));
    }

    /// <summary>Rotates x (B, H, T, D) by the angles from <see cref="Angles"/>.</summary>
    public Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var dtype = x.dtype;
        x = x.to(ScalarType.Float32);
        cos = cos.to(x.device);
        sin = sin.to(x.device);
        var half = x.shape[^1] / 2;
        if (layout == RopeLayout.HalfSplit)
        {
            var x1 = x[.., .., .., ..(int)half];                                // (B, H, T, D/2)
            var x2 = x[.., .., .., (int)half..];                                // (B, H, T, D/2)
            return cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim: -1).to(dtype); // (B, H, T, D)
        }
        var pairs = x.unflatten(3, [half, 2]);                                  // (B, H, T, D/2, 2)
        var a = pairs[.., .., .., .., 0];                                       // (B, H, T, D/2)
        var b = pairs[.., .., .., .., 1];
        return stack([a * cos - b * sin, a * sin + b * cos], dim: -1).flatten(-2).to(dtype); // (B, H, T, D)
    }
}
