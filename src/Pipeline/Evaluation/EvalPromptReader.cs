using Cai.Core.Records;
using Cai.Core.Storage;

namespace Cai.Pipeline.Evaluation;

/// <summary>Reads evaluation prompts from a prompt JSONL file (<c>{"id", "messages"}</c> or <c>{"id", "prompt"}</c>).</summary>
public static class EvalPromptReader
{
    /// <summary>Reads every prompt of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is bad (the message names file, line and field) or the file has no prompts.</exception>
    public static IReadOnlyList<EvalPrompt> Read(string path)
    {
        var result = JsonlReader.ReadAll<PromptRecord>(path);
        if (result.Diagnostics.Count > 0)
            throw new InvalidDataException(result.Diagnostics[0].ToString());
        if (result.Records.Count == 0)
            throw new InvalidDataException($"{path}: no prompts in the file.");
        return [.. result.Records.Select(r => EvalPrompt.FromRecord(r.Record))];
    }
}
