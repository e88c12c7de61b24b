using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Train.Data;

/// <summary>A prompt for online training: its record and its tokens as the policy sees them (chat format + generation prompt).</summary>
/// <param name="Record">The prompt record (<c>{"id", "messages"}</c> or <c>{"id", "prompt"}</c>).</param>
/// <param name="Ids">The tokens, BOS first when the format adds one.</param>
public sealed record TokenizedPrompt(PromptRecord Record, int[] Ids);

/// <summary>
/// Reads the pipeline's prompt file (<c>prompts.jsonl</c>) for online training and tokenizes each prompt with the chat
/// format's generation prompt. A malformed line is an error naming file, line and field; a prompt too long to leave
/// <c>response_length</c> tokens of context is skipped and counted.
/// </summary>
public static class PromptDataReader
{
    /// <summary>Reads and tokenizes <paramref name="path"/>.</summary>
    /// <exception cref="TrainingDataException">The file is missing, has a bad line, or has no usable prompt.</exception>
    public static IReadOnlyList<TokenizedPrompt> Read(string path, IChatFormat format, ITextTokenizer tokenizer, int maxPromptTokens,
        out int skipped)
    {
        if (!File.Exists(path))
            throw new TrainingDataException($"prompt file not found: '{path}'");
        var read = JsonlReader.ReadAll<PromptRecord>(path);
        if (read.Diagnostics.Count > 0)
            throw new TrainingDataException(read.Diagnostics[0].ToString());
        var prompts = new List<TokenizedPrompt>();
        skipped = 0;
        foreach (var line in read.Records)
        {
            var turns = line.Record.Messages.Select(m => new ChatTurn(Role(m.Role), m.Content)).ToArray();
            var ids = format.Encode(turns, tokenizer, addGenerationPrompt: true).Ids.ToArray();
            if (ids.Length == 0 || ids.Length > maxPromptTokens)
                skipped++;
            else
                prompts.Add(new TokenizedPrompt(line.Record, ids));
        }

        return prompts.Count > 0 ? prompts
            : throw new TrainingDataException($"{path}: no usable prompt ({skipped} longer than {maxPromptTokens} tokens)");
    }

    static string Role(ChatRole role) => role switch
    {
        ChatRole.System => ChatTurn.SystemRole,
        ChatRole.Assistant => ChatTurn.AssistantRole,
        _ => ChatTurn.UserRole,
    };
}
