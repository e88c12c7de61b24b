using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>
/// The fallback for base models without a chat template (stories260K): <c>User: ...\nAssistant: ...\n</c> lines,
/// BOS first when the tokenizer has one. Generation stops at the next <c>\nUser:</c>. One space separates
/// <c>Assistant:</c> from the answer: an answer that already starts with whitespace (as one generated after the
/// generation prompt does, e.g. <c>" Once"</c>) gets no second space, so it renders back to the text it was made in.
/// </summary>
public sealed class PlainChatFormat : ChatFormat
{
    /// <inheritdoc />
    public override string Name => "plain";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings => ["\nUser:"];

    /// <inheritdoc />
    protected override void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer)
    {
        var turn = conversation[index];
        switch (turn.Role)
        {
            case ChatTurn.SystemRole:
                parts.Add(ChatPart.Frame($"{turn.Content}\n"));
                break;
            case ChatTurn.UserRole:
                parts.Add(ChatPart.Frame($"User: {turn.Content}\n"));
                break;
            default:
                parts.Add(ChatPart.Frame("Assistant:"));
                parts.Add(ChatPart.Said(turn.Content.Length > 0 && char.IsWhiteSpace(turn.Content[0]) ? $"{turn.Content}\n" : $" {turn.Content}\n"));
                break;
        }
    }

    /// <inheritdoc />
    protected override void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer) =>
        parts.Add(ChatPart.Frame("Assistant:"));
}
