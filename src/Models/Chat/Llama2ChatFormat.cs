using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>
/// Llama 2 chat: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\nsystem\n&lt;&lt;/SYS&gt;&gt;\n\nuser [/INST] answer &lt;/s&gt;</c>, a BOS
/// before every user turn and an EOS after every answer, both as token ids.
/// </summary>
public sealed class Llama2ChatFormat : ChatFormat
{
    /// <inheritdoc />
    public override string Name => "llama2";

    /// <inheritdoc />
    protected override void Begin(List<ChatPart> parts, ITextTokenizer tokenizer)
    {
        // BOS opens each [INST] instead.
    }

    /// <inheritdoc />
    protected override void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer)
    {
        var turn = conversation[index];
        switch (turn.Role)
        {
            case ChatTurn.SystemRole:
                return; // folded into the first user turn below
            case ChatTurn.UserRole:
                if (tokenizer.BosId is { } bos)
                    parts.Add(ChatPart.Token(bos));
                var system = index == 1 && conversation[0].Role == ChatTurn.SystemRole
                    ? $"<<SYS>>\n{conversation[0].Content.Trim()}\n<</SYS>>\n\n" : "";
                parts.Add(ChatPart.Frame($"[INST] {system}{turn.Content.Trim()} [/INST]"));
                return;
            default:
                parts.Add(ChatPart.Said($" {turn.Content.Trim()} "));
                parts.Add(ChatPart.Token(tokenizer.EosId, assistant: true));
                return;
        }
    }

    /// <inheritdoc />
    protected override void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer)
    {
        // The prompt already ends with [/INST]; the model answers from there.
    }
}
