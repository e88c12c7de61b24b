using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>ChatML (Qwen2, SmolLM): <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>.</summary>
public sealed class ChatMlFormat : ChatFormat
{
    /// <inheritdoc />
    public override string Name => "chatml";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings => ["<|im_end|>"];

    /// <inheritdoc />
    protected override void Begin(List<ChatPart> parts, ITextTokenizer tokenizer)
    {
        // ChatML templates never add BOS; Qwen2 has none.
    }

    /// <inheritdoc />
    protected override void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer)
    {
        var turn = conversation[index];
        parts.Add(ChatPart.Frame($"<|im_start|>{turn.Role}\n"));
        if (turn.Role == ChatTurn.AssistantRole)
            parts.Add(ChatPart.Said(turn.Content + "<|im_end|>"));
        else
            parts.Add(ChatPart.Frame(turn.Content + "<|im_end|>"));
        parts.Add(ChatPart.Frame("\n"));
    }

    /// <inheritdoc />
    protected override void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer) =>
        parts.Add(ChatPart.Frame("<|im_start|>assistant\n"));
}
