using System.Diagnostics;
using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.TestKit;
using Xunit.Abstractions;

namespace Cai.Core.Tests.Storage;

/// <summary>
/// Kills a real writer process (SIGKILL) mid-stream three times and checks that every reopen leaves only complete,
/// contiguous records and that each restarted writer resumes at the next id.
/// </summary>
public class StageStoreKillTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Open_AfterWriterIsKilled_FileHoldsContiguousCompleteRecordsAndWriterResumes()
    {
        var path = dir.File("kill.jsonl");
        var previous = 0;
        for (var round = 1; round <= 3; round++)
        {
            await RunWriterUntilKilled(path, minimumBytes: (File.Exists(path) ? new FileInfo(path).Length : 0) + 100_000);

            int count;
            await using (var store = StageStore.Open(dir.Path, "kill"))
            {
                count = store.Count;
                output.WriteLine($"round {round}: {count} records, torn tail of {store.RepairedBytes} bytes repaired");
            }

            var text = File.ReadAllText(path);
            Assert.EndsWith("\n", text);
            var result = JsonlReader.ReadAll<PromptRecord>(path);
            Assert.Empty(result.Diagnostics);
            var ids = result.Records.Select(r => r.Record.Id).ToList();
            Assert.Equal(Enumerable.Range(0, ids.Count).Select(n => $"n-{n}"), ids);
            Assert.Equal(count, ids.Count);
            Assert.True(ids.Count > previous, $"round {round}: the writer added nothing after resuming at {previous}");
            previous = ids.Count;
        }
    }

    async Task RunWriterUntilKilled(string path, long minimumBytes)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WriterDll());
        start.ArgumentList.Add(dir.Path);
        using var writer = Process.Start(start)!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(path) || new FileInfo(path).Length < minimumBytes)
            {
                if (writer.HasExited)
                    Assert.Fail($"writer exited early with {writer.ExitCode} after {waited.Elapsed}, file {(File.Exists(path) ? new FileInfo(path).Length : -1)} bytes: " +
                        $"{await writer.StandardOutput.ReadToEndAsync()} {await writer.StandardError.ReadToEndAsync()}");
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "writer made no progress in 60 s");
                await Task.Delay(20);
            }
        }
        finally
        {
            if (!writer.HasExited)
                writer.Kill(entireProcessTree: false); // SIGKILL on Unix: no finalisers, no flushes.
            await writer.WaitForExitAsync();
        }
    }

    /// <summary>tests/Cai.StoreWriter/bin/&lt;same configuration, framework and RID as these tests&gt;/Cai.StoreWriter.dll.</summary>
    static string WriterDll()
    {
        var testsDir = Path.Combine(SharedData.RepoRoot, "tests", "Cai.Core.Tests");
        var relative = Path.GetRelativePath(testsDir, AppContext.BaseDirectory);
        var dll = Path.Combine(SharedData.RepoRoot, "tests", "Cai.StoreWriter", relative, "Cai.StoreWriter.dll");
        Assert.True(File.Exists(dll), $"{dll} not found: build tests/Cai.Core.Tests, which builds the writer too");
        return dll;
    }
}
