using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>Llama 3: <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;</c> after BOS.</summary>
public sealed class Llama3ChatFormat : ChatFormat
{
    /// <inheritdoc />
    public override string Name => "llama3";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings => ["<|eot_id|>"];

    /// <inheritdoc />
    protected override void Turn(List<ChatPart> parts, IReadOnlyList<ChatTurn> conversation, int index, ITextTokenizer tokenizer)
    {
        var turn = conversation[index];
        parts.Add(ChatPart.Frame($"<|start_header_id|>{turn.Role}<|end_header_id|>\n\n"));
        var body = turn.Content.Trim() + "<|eot_id|>";
        parts.Add(turn.Role == ChatTurn.AssistantRole ? ChatPart.Said(body) : ChatPart.Frame(body));
    }

    /// <inheritdoc />
    protected override void GenerationPrompt(List<ChatPart> parts, ITextTokenizer tokenizer) =>
        parts.Add(ChatPart.Frame("<|start_header_id|>assistant<|end_header_id|>\n\n"));
}
