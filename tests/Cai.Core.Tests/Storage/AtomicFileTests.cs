using Cai.Core.Storage;

namespace Cai.Core.Tests.Storage;

/// <summary>A whole-file write is seen before or after, never half done, and a failed one leaves nothing behind.</summary>
public sealed class AtomicFileTests
{
    static string Folder() => Directory.CreateTempSubdirectory("cai-atomic-").FullName;

    [Fact]
    public async Task Write_ReplacesTheFileWhole_LeavesNoTempFile()
    {
        var dir = Folder();
        var path = Path.Combine(dir, "a.txt");
        File.WriteAllText(path, "old");

        await AtomicFile.WriteAsync(path, (s, ct) => s.WriteAsync("new\n"u8.ToArray(), ct).AsTask());
        AtomicFile.Write(Path.Combine(dir, "b.bin"), s => s.Write([1, 2, 3]));

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(dir, "b.bin")));
        Assert.Equal(["a.txt", "b.bin"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task FailedWrite_KeepsTheOldFile_LeavesNoTempFile()
    {
        var dir = Folder();
        var path = Path.Combine(dir, "a.txt");
        File.WriteAllText(path, "old");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (s, ct) =>
        {
            await s.WriteAsync("half"u8.ToArray(), ct);
            throw new IOException("disk full");
        }));
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => throw new IOException("disk full")));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Copy_ReplacesTheTargetWithTheSourcesBytes_AndAMissingSourceKeepsIt()
    {
        var dir = Folder();
        var (source, target) = (Path.Combine(dir, "tok.bin"), Path.Combine(dir, "out", "tok.bin"));
        File.WriteAllBytes(source, [1, 2, 3, 0, 255]);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "old");

        AtomicFile.Copy(source, target);

        Assert.Equal([1, 2, 3, 0, 255], File.ReadAllBytes(target));
        Assert.Throws<FileNotFoundException>(() => AtomicFile.Copy(Path.Combine(dir, "missing.bin"), target));
        Assert.Equal([1, 2, 3, 0, 255], File.ReadAllBytes(target));
        Assert.Equal(["tok.bin"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }
}
