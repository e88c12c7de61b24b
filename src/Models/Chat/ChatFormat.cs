using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>Shared checks and the turn loop of the concrete chat formats.</summary>
public abstract class ChatFormat : IChatFormat
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> StopStrings => [];

    /// <inheritdoc />
    public IReadOnlyList<ChatPart> Render(IReadOnlyList<ChatTurn> conversation, ITextTokenizer tokenizer, bool addGenerationPrompt)
    {
        Validate(conversation);
        var parts = new List<ChatPart>();
        Begin(parts, tokenizer);
        for (var i = 0; i < conversation.Count; i++)
            Turn(parts, conversation, i, tokenizer);
        if (addGenerationPrompt)
            GenerationPrompt(parts, tokenizer);
        return parts;
    }

    /// <summary>Pieces before the first message (e.g. BOS).</summary>
    protected virtual void Begin(List<ChatPart> parts, ITextTokenizer tokenizer)
    {
        if (tokenizer.BosId is { } bos)
            parts.Add(ChatPart.Token(bos));
    }

    /// <summary>Pieces of message <paramref name="index"/>.</summary>
    protected abstract void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer);

    /// <summary>The assistant header that leaves the model to speak.</summary>
    protected abstract void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer);

    static void Validate(IReadOnlyList<ChatTurn> conversation)
    {
        for (var i = 0; i < conversation.Count; i++)
        {
            var role = conversation[i].Role;
            if (!ChatTurn.IsRole(role))
                throw new ArgumentException($"message {i}: role '{role}' is not system, user or assistant", nameof(conversation));
            if (role == ChatTurn.SystemRole && i > 0)
                throw new ArgumentException($"message {i}: a system message may only come first", nameof(conversation));
        }
    }
}
