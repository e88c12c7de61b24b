using Cai.Core.Runs;
using Cai.Core.Tests.Storage;

namespace Cai.Core.Tests.Runs;

public sealed class RunDirectoryLockTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Acquire_Held_SecondIsRefusedNamingDirectoryAndPid()
    {
        using var first = RunDirectoryLock.Acquire(dir.Path);

        var error = Assert.Throws<RunDirectoryLockedException>(() => RunDirectoryLock.Acquire(dir.Path));

        Assert.Equal(Environment.ProcessId, error.HolderPid);
        Assert.StartsWith($"run directory '{dir.Path}' is in use by another cai process (pid {Environment.ProcessId})", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Acquire_AfterRelease_Succeeds()
    {
        RunDirectoryLock.Acquire(dir.Path).Dispose();

        using var again = RunDirectoryLock.Acquire(dir.Path);

        Assert.Equal(dir.Path, again.Directory);
    }
}
