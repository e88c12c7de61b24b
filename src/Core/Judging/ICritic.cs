using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.Core.Judging;

/// <summary>
/// Critiques one response against one principle: a model asked the principle's critique request, or the offline
/// rules judge. The seam between the critique step and whoever performs it.
/// </summary>
public interface ICritic
{
    /// <summary>The critic's model spec, recorded in lineage (e.g. <c>openai:gpt-4o-mini</c>, <c>rules</c>).</summary>
    string Model { get; }

    /// <summary>Critiques <paramref name="response"/>, the assistant's answer to <paramref name="conversation"/>.</summary>
    Task<CritiqueResult> CritiqueAsync(
        IReadOnlyList<Message> conversation, string response, Principle principle, CancellationToken cancellationToken);
}
