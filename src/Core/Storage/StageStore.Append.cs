using System.Text;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Core.Secrets;

namespace Cai.Core.Storage;

public sealed partial class StageStore
{
    /// <summary>
    /// Appends <paramref name="record"/> as one line unless its id is already written.
    /// Returns false (and counts a duplicate) when it was skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The record fails its own validation: a bug in the stage that built it.</exception>
    public async Task<bool> AppendAsync<T>(T record, CancellationToken cancellationToken = default) where T : IRecord
    {
        EnsureValid(record);
        var line = Serialize(record);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Contains(record.Id))
            {
                Interlocked.Increment(ref duplicatesSkipped);
                return false;
            }
            await WriteLineAsync(output, line).ConfigureAwait(false);
            lock (idsLock)
                done.Add(record.Id);
            return true;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Appends a failure to <c>&lt;stage&gt;.failed.jsonl</c>; a later failure of the same id is appended too.</summary>
    public async Task AppendFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        EnsureValid(failure);
        var line = Serialize(failure);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            failures ??= OpenAppend(FailedPath);
            await WriteLineAsync(failures, line).ConfigureAwait(false);
            lock (idsLock)
                failed.Add(failure.Id);
        }
        finally
        {
            writeGate.Release();
        }
    }

    // A record that would be rejected when read back must never reach the file.
    void EnsureValid(IRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Id, "record.Id");
        if (record is IValidatable validatable && validatable.Validate() is { } error)
            throw new ArgumentException(
                $"Stage '{StageName}': {record.GetType().Name} '{record.Id}' is invalid: {error}", nameof(record));
    }

    static byte[] Serialize(IRecord record)
    {
        // The runtime type, so a RevisedRecord passed as SampleRecord or IRecord keeps all its fields. Redacted, so an
        // error body or an answer that echoes a key never reaches the file.
        var json = SecretRedactor.Process.Redact(JsonSerializer.Serialize(record, record.GetType(), CaiJson.Options));
        return Encoding.UTF8.GetBytes(json + "\n");
    }

    async Task WriteLineAsync(FileStream stream, byte[] line)
    {
        // Never cancelled half way: a cancelled write would tear the line it was writing.
        await stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
        stream.Flush(flushToDisk: options.Fsync);
    }

    // Unbuffered: each line goes to the OS in one write() call, so nothing sits in a managed buffer at a kill.
    static FileStream OpenAppend(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
}
