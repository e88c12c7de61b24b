namespace Cai.Models.Chat;

/// <summary>A piece of a rendered conversation: text to tokenize, or one token id (BOS/EOS) placed directly.</summary>
/// <param name="Text">Text, or null when <paramref name="TokenId"/> is set.</param>
/// <param name="TokenId">A token id, or null for text.</param>
/// <param name="Assistant">Whether the assistant produced this piece.</param>
public readonly record struct ChatPart(string? Text, int? TokenId, bool Assistant)
{
    /// <summary>Template text (role headers, markers).</summary>
    public static ChatPart Frame(string text) => new(text, null, false);

    /// <summary>Text the assistant produced, including its end-of-turn marker.</summary>
    public static ChatPart Said(string text) => new(text, null, true);

    /// <summary>A token id placed directly.</summary>
    public static ChatPart Token(int id, bool assistant = false) => new(null, id, assistant);
}
