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
    /// <param name="path">The prompt file.</param>
    /// <param name="format">The chat format the prompts are rendered in.</param>
    /// <param name="tokenizer">The policy's tokenizer.</param>
    /// <param name="maxPromptTokens">Longer prompts (after <paramref name="truncateTo"/>) are skipped and counted in <paramref name="skipped"/>.</param>
    /// <param name="skipped">Prompts skipped as too long.</param>
    /// <param name="truncateTo">
    /// Longer prompts keep their last tokens, as TRL cuts prompts from the left to <c>max_prompt_length</c>, and their BOS
    /// (a llama2.c model never sees a prompt without one); null cuts nothing.
    /// </param>
    /// <param name="limit">Only the first this many records are read, as the generate stage's <c>prompts.limit</c> reads them (a bad line after them is not read either); null reads all.</param>
    public static IReadOnlyList<TokenizedPrompt> Read(string path, IChatFormat format, ITextTokenizer tokenizer, int maxPromptTokens,
        out int skipped, int? truncateTo = null, int? limit = null)
    {
        if (!File.Exists(path))
            throw new TrainingDataException($"prompt file not found: '{path}'");
        JsonlDiagnostic? bad = null;
        var records = JsonlReader.Read<PromptRecord>(path, d => bad ??= d).Take(limit ?? int.MaxValue).ToList();
        if (bad is not null)
            throw new TrainingDataException(bad.ToString());
        var prompts = new List<TokenizedPrompt>();
        skipped = 0;
        foreach (var line in records)
        {
            var turns = line.Record.Messages.Select(ChatTurn.From).ToArray();
            var ids = format.Encode(turns, tokenizer, addGenerationPrompt: true).Ids.ToArray();
            if (truncateTo is { } keep && ids.Length > keep)
                ids = keep > 1 && tokenizer.BosId is { } bos && ids[0] == bos ? [bos, .. ids[^(keep - 1)..]] : ids[^keep..];
            if (ids.Length == 0 || ids.Length > maxPromptTokens)
                skipped++;
            else
                prompts.Add(new TokenizedPrompt(line.Record, ids));
        }

        return prompts.Count > 0 ? prompts
            : throw new TrainingDataException($"{path}: no usable prompt ({skipped} longer than {maxPromptTokens} tokens)");
    }
}
