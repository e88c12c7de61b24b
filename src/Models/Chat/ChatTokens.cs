namespace Cai.Models.Chat;

/// <summary>A rendered conversation: token ids and, per token, whether the assistant produced it.</summary>
/// <param name="Ids">The token ids.</param>
/// <param name="AssistantMask">Same length as <paramref name="Ids"/>; true on assistant content and its end-of-turn
/// marker, the tokens SFT and DPO losses train on.</param>
public sealed record ChatTokens(IReadOnlyList<int> Ids, IReadOnlyList<bool> AssistantMask);
