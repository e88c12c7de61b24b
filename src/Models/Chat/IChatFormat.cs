using Cai.Models.Tokenizers;

namespace Cai.Models.Chat;

/// <summary>Renders a conversation the way a chat model was trained to read it.</summary>
public interface IChatFormat
{
    /// <summary>A short name (chatml, llama2, llama3, zephyr, plain).</summary>
    string Name { get; }

    /// <summary>Text that ends the assistant's turn when generation should stop at it (besides EOS).</summary>
    IReadOnlyList<string> StopStrings { get; }

    /// <summary>The conversation as template pieces.</summary>
    /// <param name="conversation">Messages; a system message may only come first.</param>
    /// <param name="tokenizer">The tokenizer (for BOS/EOS ids).</param>
    /// <param name="addGenerationPrompt">Whether to end with the assistant header, ready for the model to answer.</param>
    IReadOnlyList<ChatPart> Render(IReadOnlyList<ChatTurn> conversation, ITextTokenizer tokenizer, bool addGenerationPrompt);
}
