using System.Buffers.Binary;
using Cai.Cli.Commands;

namespace Cai.Cli.Tests.Experiment;

public sealed class EvalFrontierPlotTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-frontier-plot-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly EvalFrontierPoint[] Points =
    [
        new("base", 0, 0, 0.30, 0.036),
        new("sigmoid β=0.1", 1.2, 0.2, 0.12, 0.026),
        new("ipo β=0.1", 3.5, 0.4, 0.05, 0.017),
    ];

    [Fact]
    public void Save_ThreePoints_WritesSmallPngOfRequestedSize()
    {
        var path = Path.Combine(dir, "frontier.png");

        EvalFrontierPlot.Save(Points, path, width: 640, height: 400);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(bytes.Length < 200_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void Save_MovedPoint_ChangesTheImage()
    {
        var a = Path.Combine(dir, "a.png");
        var b = Path.Combine(dir, "b.png");

        EvalFrontierPlot.Save(Points, a);
        EvalFrontierPlot.Save([.. Points[..2], Points[2] with { ViolationRate = 0.25 }], b);

        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Save_NoPointsOrNonFinite_Throws()
    {
        var path = Path.Combine(dir, "x.png");

        Assert.Throws<ArgumentException>(() => EvalFrontierPlot.Save([], path));
        var error = Assert.Throws<ArgumentException>(() => EvalFrontierPlot.Save([Points[0] with { KlPerSequence = double.NaN }], path));
        Assert.Contains("'base'", error.Message);
        Assert.False(File.Exists(path));
    }
}
