using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Golden;

/// <summary>Tensor construction and comparison for golden tests.</summary>
public static class TensorAssert
{
    public static Tensor Vector(double[] values, ScalarType dtype = ScalarType.Float64) =>
        torch.tensor(values, dtype: dtype);

    public static Tensor Matrix(double[][] rows, ScalarType dtype = ScalarType.Float64) =>
        torch.tensor(rows.SelectMany(row => row).ToArray(), [rows.Length, rows.Length == 0 ? 0 : rows[0].Length], dtype: dtype);

    public static double Scalar(Tensor tensor) => tensor.to_type(ScalarType.Float64).item<double>();

    public static double[] ToArray(Tensor tensor) =>
        tensor.to_type(ScalarType.Float64).cpu().data<double>().ToArray();

    /// <summary>Asserts element-wise |actual − expected| ≤ tolerance · max(1, |expected|).</summary>
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-9, string what = "")
    {
        var values = ToArray(actual);
        Assert.True(expected.Length == values.Length, $"{what}: expected {expected.Length} values, got {values.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Close(expected[i], values[i], tolerance, $"{what}[{i}]");
        }
    }

    public static void Close(double expected, double actual, double tolerance = 1e-9, string what = "")
    {
        var bound = tolerance * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= bound, $"{what}: expected {expected:R}, got {actual:R} (tolerance {bound:G3})");
    }
}
