using System.Runtime.CompilerServices;
using Cai.Core.Records;
using Cai.Core.Storage;

namespace Cai.Pipeline.Prompts;

/// <summary>
/// Streams the prompts of a run from a JSONL or HH-RLHF-style file (plain or <c>.gz</c>). Prompts with an id seen
/// before are skipped, so a file with repeated prompts yields each once. A bad line stops the read with a
/// <see cref="PromptSourceException"/> naming file, line and field: a run must not silently lose prompts.
/// </summary>
public static class PromptSource
{
    /// <summary>Reads the prompts described by <paramref name="options"/>, in file order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PromptSourceException">A line is not a valid prompt.</exception>
    public static async IAsyncEnumerable<PromptRecord> ReadAsync(PromptSourceOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var records = options.Format == PromptFormat.HhRlhf
            ? ReadHhRlhfAsync(options.Path, cancellationToken)
            : ReadJsonlAsync(options.Path, cancellationToken);
        await foreach (var prompt in records.ConfigureAwait(false))
        {
            if (!seen.Add(prompt.Id))
                continue;
            yield return prompt;
            if (seen.Count >= options.Limit)
                yield break;
        }
    }

    /// <summary>Reads all prompts into a list (small files, tests, single-stage commands).</summary>
    public static async Task<IReadOnlyList<PromptRecord>> ReadAllAsync(PromptSourceOptions options,
        CancellationToken cancellationToken = default)
    {
        var prompts = new List<PromptRecord>();
        await foreach (var prompt in ReadAsync(options, cancellationToken).ConfigureAwait(false))
            prompts.Add(prompt);
        return prompts;
    }

    static async IAsyncEnumerable<PromptRecord> ReadJsonlAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in JsonlReader.ReadAsync<PromptRecord>(path, Fail, ct).ConfigureAwait(false))
            yield return line.Record;
    }

    static async IAsyncEnumerable<PromptRecord> ReadHhRlhfAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in JsonlReader.ReadAsync<HhRlhfRow>(path, Fail, ct).ConfigureAwait(false))
        {
            var text = HhRlhfTranscript.FirstHumanTurn(line.Record.Chosen)
                       ?? throw new PromptSourceException(new JsonlDiagnostic(path, line.LineNumber,
                           "no 'Human:' turn with text", "chosen"));
            // The id is the content hash of the prompt, so the same question in two files gets the same id.
            yield return PromptRecord.FromText(text);
        }
    }

    static void Fail(JsonlDiagnostic diagnostic) => throw new PromptSourceException(diagnostic);
}
