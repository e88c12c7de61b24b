using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Train.Data;

/// <summary>
/// Tokenizes prompt + completion conversations with a chat format. The whole conversation is encoded once and split
/// where the trailing run of assistant tokens starts, so prompt ids + completion ids are exactly what the model reads;
/// the completion is the assistant turn with its end marker, and EOS is appended when the format does not end with it.
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
        var tokens = format.Encode([.. prompt, .. completion], tokenizer, addGenerationPrompt: false);
        var split = tokens.Ids.Count;
        while (split > 0 && tokens.AssistantMask[split - 1])
            split--;
        var ids = tokens.Ids.ToArray();
        var answer = ids[split..];
        if (answer.Length == 0 || answer[^1] != tokenizer.EosId)
            answer = [.. answer, tokenizer.EosId];
        return (ids[..split], answer);
    }
}
