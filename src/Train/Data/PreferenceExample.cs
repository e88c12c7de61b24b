using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>A preference pair as read from a file, before tokenization.</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The shared prompt conversation.</param>
/// <param name="Chosen">The preferred continuation (assistant turns).</param>
/// <param name="Rejected">The dispreferred continuation (assistant turns).</param>
/// <param name="LabelProb">The AI-feedback probability that chosen is better; null for a hard label.</param>
/// <param name="Margin">TRL's <c>margin</c> column: how much better chosen is, used by the reward loss; null when absent.</param>
public sealed record PreferenceExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Chosen,
    IReadOnlyList<ChatTurn> Rejected, double? LabelProb = null, double? Margin = null);
