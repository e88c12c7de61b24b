using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>An unpaired KTO example as read from a file (TRL columns <c>prompt</c>, <c>completion</c>, <c>label</c>).</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The prompt conversation.</param>
/// <param name="Completion">The completion (assistant turns).</param>
/// <param name="Label">True when the completion is desirable.</param>
public sealed record KtoExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Completion, bool Label);
