using Cai.Models.Chat;
using Cai.Models.Tokenizers;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Renders an evaluation prompt with a chat format, so a policy is sampled and scored on the same text it generated
/// its training data in (the pipeline's <c>LocalChatClient</c>) and was trained on (<c>cai train --chat-format</c>).
/// The result is text: the leading BOS is left to the generator and scorer, which add it themselves.
/// </summary>
public static class EvalPromptRenderer
{
    /// <summary>The prompt as the format shows it to the model, ending with the assistant header.</summary>
    /// <exception cref="NotSupportedException">The format places special-token ids other than a leading BOS.</exception>
    public static EvalPrompt Render(EvalPrompt prompt, IChatFormat format, ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(format);
        var turns = prompt.Turns ?? [ChatTurn.User(prompt.Text)];
        var parts = format.Render(turns, tokenizer, addGenerationPrompt: true);
        var skip = parts.Count > 0 && parts[0].TokenId is { } first && first == tokenizer.BosId ? 1 : 0;
        if (parts.Skip(skip).FirstOrDefault(p => p.TokenId is not null) is { TokenId: { } id })
            throw new NotSupportedException(
                $"Chat format '{format.Name}' places token id {id} directly; evaluation renders prompts as text, " +
                "which only formats without special-token ids support (plain).");
        return prompt with { Text = string.Concat(parts.Skip(skip).Select(p => p.Text)) };
    }
}
