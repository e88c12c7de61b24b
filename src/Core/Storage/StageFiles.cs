namespace Cai.Core.Storage;

/// <summary>
/// The files a stage keeps in a run directory, named in this one place: <c>&lt;stage&gt;.jsonl</c> (its records),
/// <c>&lt;stage&gt;.failed.jsonl</c> (one line per failed attempt) and <c>&lt;stage&gt;.consumed.jsonl</c> (the runner's
/// ledger of the inputs it handled in full, kept as a store of its own named <see cref="ConsumedLedger"/>). The store,
/// the runner, the failure count, the exports, <c>cai merge</c> and <c>cai report</c> all find them through it.
/// </summary>
public static class StageFiles
{
    /// <summary>The ending of a stage's records file.</summary>
    public const string RecordsSuffix = ".jsonl";

    /// <summary>The ending of a stage's failures file.</summary>
    public const string FailedSuffix = ".failed" + RecordsSuffix;

    /// <summary>The ending of a stage's consumed ledger.</summary>
    public const string ConsumedSuffix = ".consumed" + RecordsSuffix;

    /// <summary>The records of <paramref name="stage"/> in <paramref name="runDir"/>.</summary>
    public static string Records(string runDir, string stage) => Path.Combine(runDir, stage + RecordsSuffix);

    /// <summary>The failed attempts of <paramref name="stage"/> in <paramref name="runDir"/>.</summary>
    public static string Failed(string runDir, string stage) => Path.Combine(runDir, stage + FailedSuffix);

    /// <summary>The consumed ledger of <paramref name="stage"/> in <paramref name="runDir"/>.</summary>
    public static string Consumed(string runDir, string stage) => Path.Combine(runDir, stage + ConsumedSuffix);

    /// <summary>The name the consumed ledger of <paramref name="stage"/> is stored under: its records file is <see cref="Consumed"/>.</summary>
    public static string ConsumedLedger(string stage) => stage + ".consumed";
}
