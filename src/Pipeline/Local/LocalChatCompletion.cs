using Cai.Models.Generation;

namespace Cai.Pipeline.Local;

/// <summary>
/// What <see cref="LocalChatClient"/> puts in <c>ChatResponse.RawRepresentation</c>: every generated sequence
/// (one per requested choice) with token ids, token texts and, when asked, log-probabilities.
/// </summary>
/// <param name="PromptTokens">Tokens of the rendered prompt.</param>
/// <param name="Choices">The generated sequences, in choice order.</param>
/// <param name="TokenTexts">Per choice, the text of each generated token as it reads mid-sentence.</param>
public sealed record LocalChatCompletion(int PromptTokens, IReadOnlyList<GeneratedSequence> Choices, IReadOnlyList<IReadOnlyList<string>> TokenTexts);
