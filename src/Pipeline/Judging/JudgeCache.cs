using System.Collections.Concurrent;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Judging;

/// <summary>
/// The AI judge's answers on disk, so a resumed run does not pay for a judgement twice: <c>judge.jsonl</c> holds one
/// <see cref="JudgeCacheEntry"/> per answer, appended as soon as it arrives (through <see cref="StageStore"/>: a line torn
/// by a crash is repaired on open) and loaded when the cache opens; <c>judge.failed.jsonl</c> records every failed
/// judgement with its reason. Failures are not cached, so a resumed run asks again.
/// </summary>
public sealed class JudgeCache : IAsyncDisposable
{
    /// <summary>The stage name of the two files: <c>judge.jsonl</c> and <c>judge.failed.jsonl</c>.</summary>
    public const string StageName = "judge";

    readonly ConcurrentDictionary<string, JudgeCacheEntry> entries;
    readonly StageStore store;

    JudgeCache(ConcurrentDictionary<string, JudgeCacheEntry> entries, StageStore store)
    {
        this.entries = entries;
        this.store = store;
    }

    /// <summary>Answers loaded from disk plus those added since.</summary>
    public int Count => entries.Count;

    /// <summary>The answers file.</summary>
    public string Path => store.OutputPath;

    /// <summary>The failures file.</summary>
    public string FailedPath => store.FailedPath;

    /// <summary>Opens (creating when needed) the cache in <paramref name="directory"/>, loading the answers already there.</summary>
    public static JudgeCache Open(string directory, ILogger<StageStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var entries = new ConcurrentDictionary<string, JudgeCacheEntry>(StringComparer.Ordinal);
        var path = StageFiles.Records(directory, StageName);
        // Read before the store opens: a torn last line is then reported here and cut by the store's repair.
        if (File.Exists(path))
        {
            foreach (var line in JsonlReader.ReadAll<JudgeCacheEntry>(path).Records)
                entries.TryAdd(line.Record.Id, line.Record);
        }

        return new JudgeCache(entries, StageStore.Open(directory, StageName, logger: logger));
    }

    /// <summary>
    /// The key of one judgement: a content hash over everything that decides the answer (judge, kind of question,
    /// the question text, the rating scale, and the texts judged), so a changed principle or scale is asked afresh.
    /// </summary>
    public static string Key(string judge, string kind, string question, string scale, params string[] texts) =>
        ContentId.Of(JsonSerializer.Serialize((string[])[judge, kind, question, scale, .. texts], CaiJson.Options));

    /// <summary>The cached answer under <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out JudgeCacheEntry entry) => entries.TryGetValue(key, out entry!);

    /// <summary>Caches <paramref name="entry"/> in memory and appends it to <see cref="Path"/>.</summary>
    public async Task AddAsync(JudgeCacheEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entries.TryAdd(entry.Id, entry))
            await store.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends <paramref name="failure"/> to <see cref="FailedPath"/>.</summary>
    public Task RecordFailureAsync(FailureRecord failure, CancellationToken cancellationToken) =>
        store.AppendFailureAsync(failure, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => store.DisposeAsync();
}

/// <summary>One cached judgement, a line of <c>judge.jsonl</c>.</summary>
public sealed record JudgeCacheEntry : IRecord, IValidatable
{
    /// <summary>The judgement's key, from <see cref="JudgeCache.Key"/>.</summary>
    public required string Id { get; init; }

    /// <summary>The judge (its model spec) that answered.</summary>
    public required string Judge { get; init; }

    /// <summary><c>rating</c> (pointwise) or <c>comparison</c> (pairwise).</summary>
    public required string Kind { get; init; }

    /// <summary>The principle whose question was asked.</summary>
    public required string PrincipleId { get; init; }

    /// <summary>The expected rating, or the probability that the first response is better.</summary>
    public required double Value { get; init; }

    /// <summary>For ratings: the probability mass the rating tokens held among the top log-probs.</summary>
    public double? RatingMass { get; init; }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.NotBlank(Judge, "judge")
        ?? FieldError.NotBlank(Kind, "kind")
        ?? FieldError.NotBlank(PrincipleId, "principle_id")
        ?? (double.IsFinite(Value) ? null : new FieldError("value", "must be a finite number"));
}
