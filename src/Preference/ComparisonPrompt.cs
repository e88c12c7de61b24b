using System.Text;
using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// The multiple-choice prompt of RL-CAI feedback labelling (Bai et al. 2022, section 4.1): the conversation, the
/// principle's comparison question, the two options as (A) and (B), then "The answer is:" (or, with chain of thought,
/// "Let's think step by step:" and, after the model's reasoning, <see cref="AnswerRequest"/>).
/// </summary>
public static class ComparisonPrompt
{
    /// <summary>The follow-up user turn that asks for the letter after chain-of-thought reasoning.</summary>
    public const string AnswerRequest = "So which option is better? The answer is:";

    /// <summary>The single user message asking which of <paramref name="optionA"/> and <paramref name="optionB"/> is better.</summary>
    public static IReadOnlyList<Message> Render(
        IReadOnlyList<Message> conversation, string question, string optionA, string optionB, bool chainOfThought)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var text = new StringBuilder("Consider the following conversation between a human and an assistant:\n");
        foreach (var m in conversation)
            text.Append(Speaker(m.Role)).Append(": ").Append(m.Content).Append('\n');
        text.Append(question).Append('\n')
            .Append("Options:\n")
            .Append("(A) ").Append(optionA).Append('\n')
            .Append("(B) ").Append(optionB).Append('\n')
            .Append(chainOfThought ? "Let's think step by step:" : "The answer is:");
        return [Message.User(text.ToString())];
    }

    static string Speaker(ChatRole role) => role switch
    {
        ChatRole.System => "System",
        ChatRole.User => "Human",
        _ => "Assistant",
    };
}
