using Cai.Models.Hf;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Hf;

public class SafetensorsFileTests
{
    [Fact]
    public void Write_FailsHalfway_KeepsTheOldFileAndLeavesNoTempFile()
    {
        var dir = HfTestFiles.TempDir();
        var path = Path.Combine(dir, "model.safetensors");
        using var old = arange(6, dtype: ScalarType.Float32);
        SafetensorsFile.Write(path, [new("w", old)]);
        var before = File.ReadAllBytes(path);
        using var good = ones(1 << 16, dtype: ScalarType.Float32);
        // A meta tensor has a shape and a dtype, so the header is written, but no data: copying it out throws after the
        // file has been opened and the first tensor's bytes written.
        using var dataless = empty(4, dtype: ScalarType.Float32, device: new Device(DeviceType.META));

        Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => SafetensorsFile.Write(path, [new("a", good), new("b", dataless)]));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_OverAnOldFile_ReplacesItWhole()
    {
        var dir = HfTestFiles.TempDir();
        var path = Path.Combine(dir, "model.safetensors");
        using var first = zeros(8, dtype: ScalarType.Float32);
        using var second = full(3, 2.5f, dtype: ScalarType.Float32);

        SafetensorsFile.Write(path, [new("w", first)]);
        SafetensorsFile.Write(path, [new("v", second)]);

        var read = SafetensorsFile.Read(path);
        Assert.Equal(["v"], read.Keys);
        Assert.Equal([2.5f, 2.5f, 2.5f], read["v"].data<float>().ToArray());
        Assert.Equal([path], Directory.GetFiles(dir));
    }
}
