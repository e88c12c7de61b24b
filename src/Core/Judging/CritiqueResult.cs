namespace Cai.Core.Judging;

/// <summary>What a critic said about one response under one principle.</summary>
/// <param name="PrincipleId">The principle applied.</param>
/// <param name="Request">The critique request as sent (the principle's critique text).</param>
/// <param name="Critique">The critique.</param>
/// <param name="RevisionNeeded">
/// False when the critic is sure there is nothing to fix (the rules judge found no violation); a model critic
/// always says true and leaves the judgement to the reviser.
/// </param>
public sealed record CritiqueResult(string PrincipleId, string Request, string Critique, bool RevisionNeeded);
