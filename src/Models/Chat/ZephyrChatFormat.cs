using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>Zephyr (TinyLlama-Chat): <c>&lt;|role|&gt;\ncontent&lt;/s&gt;\n</c>, EOS written as its token id.</summary>
public sealed class ZephyrChatFormat : ChatFormat
{
    /// <inheritdoc />
    public override string Name => "zephyr";

    /// <inheritdoc />
    protected override void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer)
    {
        var turn = conversation[index];
        var assistant = turn.Role == ChatTurn.AssistantRole;
        parts.Add(ChatPart.Frame($"<|{turn.Role}|>\n"));
        parts.Add(new ChatPart(turn.Content, null, assistant));
        parts.Add(ChatPart.Token(tokenizer.EosId, assistant));
        parts.Add(ChatPart.Frame("\n"));
    }

    /// <inheritdoc />
    protected override void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer) =>
        parts.Add(ChatPart.Frame("<|assistant|>\n"));
}
