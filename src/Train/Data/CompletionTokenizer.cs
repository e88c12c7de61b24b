using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Train.Data;

/// <summary>
/// Tokenizes prompt + completion conversations with a chat format. The rendered conversation is split where the
/// trailing run of assistant pieces starts; the prompt side is tokenized as the model sees it when asked to answer
/// (the same ids as rendering the prompt with a generation prompt) and the completion side separately, as the tokens
/// the model would generate — the assistant turn with its end marker, plus EOS when the format does not end with it.
/// Tokenizing the two sides once each keeps long transcripts cheap (each piece boundary would cost a re-tokenization).
/// The completion is tokenized as a continuation: behind the prompt's last text piece (the assistant header), whose
/// tokens are then dropped. Tokenized alone it would get the start-of-text treatment — SentencePiece's dummy prefix
/// space (llama2.c, Llama 2) — and differ from the tokens the model generates after the header.
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
        var anchor = split > 0 && parts[split - 1].Text is { Length: > 0 } header ? header : null;
        var answer = Continuation(anchor, parts.Skip(split));
        if (answer.Count == 0 || answer[^1] != tokenizer.EosId)
            answer.Add(tokenizer.EosId);
        return ([.. Tokens(parts.Take(split))], [.. answer]);
    }

    /// <summary>The tokens of <paramref name="parts"/> as they follow <paramref name="anchor"/> text.</summary>
    List<int> Continuation(string? anchor, IEnumerable<ChatPart> parts)
    {
        var list = parts.ToList();
        if (anchor is null || list.Count == 0 || list[0].Text is null)
            return Tokens(list);
        var alone = tokenizer.Encode(anchor, addBos: false);
        var joined = Tokens([ChatPart.Frame(anchor), .. list]);
        // BPE may merge across the header boundary; the split stays "after as many tokens as the header alone has".
        return joined.Skip(Math.Min(alone.Count, joined.Count)).ToList();
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
