using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>A supervised example as read from a file: a conversation whose last turn is the assistant's (TRL <c>messages</c>).</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The turns before the trained assistant turn.</param>
/// <param name="Completion">The trained assistant turn(s).</param>
public sealed record SftExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Completion);
