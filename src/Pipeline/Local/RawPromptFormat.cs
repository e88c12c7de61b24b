using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Pipeline.Local;

/// <summary>
/// No chat framing at all: BOS, then the messages' text concatenated, so a base model simply continues the
/// conversation's text. With one empty user message a story model like stories260K starts from BOS alone.
/// </summary>
public sealed class RawPromptFormat : IChatFormat
{
    /// <inheritdoc />
    public string Name => "raw";

    /// <inheritdoc />
    public IReadOnlyList<string> StopStrings => [];

    /// <inheritdoc />
    public IReadOnlyList<ChatPart> Render(IReadOnlyList<ChatTurn> conversation, ITextTokenizer tokenizer, bool addGenerationPrompt)
    {
        var parts = new List<ChatPart>();
        if (tokenizer.BosId is { } bos)
            parts.Add(ChatPart.Token(bos));
        foreach (var turn in conversation.Where(t => t.Content.Length > 0))
            parts.Add(turn.Role == ChatTurn.AssistantRole ? ChatPart.Said(turn.Content) : ChatPart.Frame(turn.Content));
        return parts;
    }
}
