using Cai.Core.Storage;

namespace Cai.Core.Tests.Storage;

public sealed class StageFailuresTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static string Failure(string id, string kind, int attempts) =>
        $$"""{"id":"{{id}}","stage":"generate","error_kind":"{{kind}}","message":"m","attempts":{{attempts}}}""";

    [Fact]
    public void Read_IdConsumedAfterItFailed_ResolvedAndTheOthersUnresolvedOncePerId()
    {
        File.WriteAllLines(dir.File("generate.failed.jsonl"),
            [Failure("p1", "timeout", 1), Failure("p2", "http_400", 1), Failure("p1", "http_500", 2), Failure("p3", "timeout", 1)]);
        File.WriteAllLines(dir.File("generate.consumed.jsonl"), ["""{"id":"p0","outputs":["p0#0"]}""", """{"id":"p1","outputs":["p1#0"]}"""]);

        var failures = StageFailures.Read(dir.Path, "generate");

        Assert.Equal(["p2", "p3"], failures.Unresolved.Select(f => f.Id));
        var resolved = Assert.Single(failures.Resolved);
        Assert.Equal(("p1", "http_500", 2), (resolved.Id, resolved.ErrorKind, resolved.Attempts)); // its latest attempt
    }

    [Fact]
    public void Read_NoFailuresFile_NoFailures()
    {
        var failures = StageFailures.Read(dir.Path, "revise");

        Assert.Empty(failures.Unresolved);
        Assert.Empty(failures.Resolved);
    }
}
