using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>Tokenizes a rendered conversation and marks the assistant's tokens.</summary>
public static class ChatEncoder
{
    /// <summary>Renders and tokenizes <paramref name="conversation"/> with an assistant mask.</summary>
    /// <remarks>
    /// Text between directly placed tokens is tokenized as one string, so merges across template pieces match
    /// tokenizing the whole prompt. A piece's tokens are found by tokenizing the run up to each piece boundary;
    /// boundaries sit at end-of-turn markers and role headers, where BPE does not merge across.
    /// </remarks>
    public static ChatTokens Encode(this IChatFormat format, IReadOnlyList<ChatTurn> conversation, ITextTokenizer tokenizer, bool addGenerationPrompt = false)
    {
        var parts = format.Render(conversation, tokenizer, addGenerationPrompt);
        var ids = new List<int>();
        var mask = new List<bool>();
        var run = new List<ChatPart>();
        foreach (var part in parts)
        {
            if (part.TokenId is { } id)
            {
                EncodeRun(run, tokenizer, ids, mask);
                ids.Add(id);
                mask.Add(part.Assistant);
            }
            else
                run.Add(part);
        }
        EncodeRun(run, tokenizer, ids, mask);
        return new ChatTokens(ids, mask);
    }

    /// <summary>Renders <paramref name="conversation"/> as text, direct tokens shown by their decoded text.</summary>
    public static string RenderText(this IChatFormat format, IReadOnlyList<ChatTurn> conversation, ITextTokenizer tokenizer, bool addGenerationPrompt = false) =>
        string.Concat(format.Render(conversation, tokenizer, addGenerationPrompt).Select(p => p.Text ?? $"<{p.TokenId}>"));

    static void EncodeRun(List<ChatPart> run, ITextTokenizer tokenizer, List<int> ids, List<bool> mask)
    {
        if (run.Count == 0)
            return;
        var text = string.Concat(run.Select(p => p.Text));
        var all = tokenizer.Encode(text, addBos: false);
        var done = 0;
        var end = 0;
        foreach (var part in run)
        {
            end += part.Text!.Length;
            var upTo = end == text.Length ? all.Count : Math.Min(all.Count, tokenizer.Encode(text[..end], addBos: false).Count);
            for (; done < upTo; done++)
                mask.Add(part.Assistant);
        }
        ids.AddRange(all);
        run.Clear();
    }
}
