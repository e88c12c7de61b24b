namespace Cai.Cli.Reports;

/// <summary>A critique/revision chain as the report shows it, read leniently from a revised row.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Prompt">The prompt text (messages' contents).</param>
/// <param name="Model">The model that wrote the response.</param>
/// <param name="Response">The original response.</param>
/// <param name="Rounds">The rounds in order.</param>
/// <param name="Final">The final answer.</param>
internal sealed record ChainExample(string Id, string Prompt, string Model, string Response, IReadOnlyList<ChainRound> Rounds, string Final);

/// <summary>One round of a <see cref="ChainExample"/>.</summary>
/// <param name="PrincipleId">The principle applied.</param>
/// <param name="Critique">The critique.</param>
/// <param name="Revision">The revision; null when the round made none.</param>
internal sealed record ChainRound(string PrincipleId, string Critique, string? Revision);
