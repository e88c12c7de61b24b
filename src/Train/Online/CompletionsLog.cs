using System.Text.Json;
using Cai.Core.Json;

namespace Cai.Train.Online;

/// <summary>
/// <c>completions.jsonl</c>: the sampled responses of every logged update with their scores (TRL logs the same table as
/// <c>completions</c>), one JSON object per line, flushed per line. Resuming from step N drops the lines of later steps.
/// </summary>
public sealed class CompletionsLog : IDisposable
{
    /// <summary>The file name in the output folder.</summary>
    public const string FileName = "completions.jsonl";

    readonly StreamWriter writer;

    /// <summary>Opens the log in <paramref name="outputDir"/>; a fresh run (null) starts it empty.</summary>
    public CompletionsLog(string outputDir, int? keepThroughStep)
    {
        var path = Path.Combine(outputDir, FileName);
        writer = StepLog.Open(path, keepThroughStep);
    }

    /// <summary>Appends one line per response of <paramref name="rollout"/>.</summary>
    public void Write(int step, RolloutBatch rollout, IReadOnlyList<double> scores)
    {
        for (var i = 0; i < rollout.Count; i++)
        {
            var prompt = rollout.Prompts[i].Record;
            writer.WriteLine(JsonSerializer.Serialize(new CompletionLine(step, prompt.Id, prompt.Messages[^1].Content,
                rollout.Texts[i], scores[i], rollout.EndedWithEos[i]), CaiJson.Options));
        }

        writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();

    sealed record CompletionLine(int Step, string PromptId, string Prompt, string Response, double Score, bool EndedWithEos);
}
