using Cai.Models.Generation;

namespace Cai.Pipeline.Local;

/// <summary>
/// What a streamed <see cref="LocalChatClient"/> update carries in <c>RawRepresentation</c>: the decoded delta (its
/// choice, text, tokens and log-probabilities when asked) and each token's text as it reads mid-sentence.
/// </summary>
/// <param name="Delta">The new output of one choice.</param>
/// <param name="TokenTexts">The text of each token in <see cref="TextDelta.Ids"/>.</param>
public sealed record LocalTextDelta(TextDelta Delta, IReadOnlyList<string> TokenTexts);
