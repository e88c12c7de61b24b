using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;

namespace Cai.TestKit.Fakes;

/// <summary>A hand-written <see cref="ICritic"/>: critiques through a callback and records the responses it saw.</summary>
public sealed class FakeCritic : ICritic
{
    readonly Func<string, Principle, (string Critique, bool RevisionNeeded)> _critique;
    readonly List<(string Response, string PrincipleId)> _calls = [];
    readonly Lock _gate = new();

    /// <summary>A critic answering <paramref name="critique"/>(response, principle).</summary>
    public FakeCritic(Func<string, Principle, (string Critique, bool RevisionNeeded)> critique) =>
        _critique = critique ?? throw new ArgumentNullException(nameof(critique));

    /// <summary>A critic that always asks for a revision with the critique <c>critique of {principle id}</c>.</summary>
    public FakeCritic() : this((_, p) => ($"critique of {p.Id}", true)) { }

    /// <inheritdoc />
    public string Model => "fake:critic";

    /// <summary>The (response, principle id) of every call, in order.</summary>
    public IReadOnlyList<(string Response, string PrincipleId)> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    /// <inheritdoc />
    public Task<CritiqueResult> CritiqueAsync(
        IReadOnlyList<Message> conversation, string response, Principle principle, CancellationToken cancellationToken)
    {
        lock (_gate) _calls.Add((response, principle.Id));
        var (critique, needed) = _critique(response, principle);
        return Task.FromResult(new CritiqueResult(principle.Id, principle.Critique, critique, needed));
    }
}
