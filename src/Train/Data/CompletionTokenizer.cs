using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Train.Data;

/// <summary>
/// Tokenizes prompt + completion conversations with a chat format. The rendered conversation is split where the
/// trailing run of assistant pieces starts; the prompt side is tokenized as the model sees it when asked to answer
/// (the same ids as rendering the prompt with a generation prompt) and the completion side separately, as the tokens
/// the model would generate — the assistant turn with its end marker, plus EOS when the format does not end with it.
/// Tokenizing the two sides once each keeps long transcripts cheap (each piece boundary would cost a re-tokenization).
/// </summary>
/// <param name="format">The chat format (e.g. <see cref="PlainChatFormat"/> for stories260K).</param>
/// <param name="tokenizer">The model's tokenizer.</param>
public sealed class CompletionTokenizer(IChatFormat format, ITextTokenizer tokenizer)
{
    /// <summary>The prompt and completion ids, or null when the completion has no text.</summary>
    public (int[] Prompt, int[] Completion)? Encode(IReadOnlyList<ChatTurn> prompt, IReadOnlyList<ChatTurn> completion)
    {
        if (completion.Count == 0 || completion.All(t => string.IsNullOrWhiteSpace(t.Content)))
            return null;
        if (completion.Any(t => t.Role != ChatTurn.AssistantRole))
            throw new DataFieldException("completion", "completion turns must all be assistant turns");
        var parts = format.Render([.. prompt, .. completion], tokenizer, addGenerationPrompt: false);
        var split = parts.Count;
        while (split > 0 && parts[split - 1].Assistant)
            split--;
        var answer = Tokens(parts.Skip(split));
        if (answer.Count == 0 || answer[^1] != tokenizer.EosId)
            answer.Add(tokenizer.EosId);
        return ([.. Tokens(parts.Take(split))], [.. answer]);
    }

    List<int> Tokens(IEnumerable<ChatPart> parts)
    {
        var ids = new List<int>();
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.TokenId is { } id)
            {
                Flush(text, ids);
                ids.Add(id);
            }
            else
                text.Append(part.Text);
        }

        Flush(text, ids);
        return ids;
    }

    void Flush(System.Text.StringBuilder text, List<int> ids)
    {
        if (text.Length == 0)
            return;
        ids.AddRange(tokenizer.Encode(text.ToString(), addBos: false));
        text.Clear();
    }
}
