using System.Text.Json;
using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>
/// Reads SFT examples from JSONL(.gz): TRL conversational <c>messages</c> (the last assistant turn is trained on) or
/// prompt–completion (<c>prompt</c>/<c>completion</c>, strings or message lists). A file of revise-stage records is
/// refused as a whole, pointing at the SFT rows a run exports from them.
/// </summary>
public static class SftDataReader
{
    /// <summary>Reads every usable example of <paramref name="path"/>; bad lines go to <paramref name="report"/>.</summary>
    /// <exception cref="TrainingDataException">The file holds revise-stage records, not SFT rows.</exception>
    public static IReadOnlyList<SftExample> Read(string path, DataReport report) =>
        DataFileLines.Parse(path, report, (root, line) => root.TryGetProperty("rounds", out _) && root.TryGetProperty("final", out _)
            ? throw new TrainingDataException($"{path}:{line}: a revise-stage record (rounds, final), not an SFT row; train on the pairs/sft.jsonl " +
                "that `cai run` exports with `sft` in pairs.exports (the prompt and the final revision as messages)")
            : Parse(root, line));

    static SftExample Parse(JsonElement root, int line)
    {
        var id = DataFileLines.IdOf(root, line);
        if (root.TryGetProperty("messages", out var messages))
        {
            var turns = ConversationJson.Turns(messages, "messages", ChatTurn.UserRole);
            var last = turns.Count - 1;
            if (last < 1 || turns[last].Role != ChatTurn.AssistantRole)
                throw new DataFieldException("messages", "expected at least one turn before a final assistant turn");
            return new SftExample(id, line, turns.Take(last).ToArray(), [turns[last]]);
        }

        return new SftExample(id, line,
            ConversationJson.Turns(ConversationJson.Required(root, "prompt"), "prompt", ChatTurn.UserRole),
            ConversationJson.Turns(ConversationJson.Required(root, "completion"), "completion", ChatTurn.AssistantRole));
    }
}

/// <summary>A supervised example as read from a file: a conversation whose last turn is the assistant's (TRL <c>messages</c>).</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The turns before the trained assistant turn.</param>
/// <param name="Completion">The trained assistant turn(s).</param>
public sealed record SftExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Completion);
