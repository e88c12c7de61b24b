using Cai.Core.Judging;
using Cai.Core.Records;

namespace Cai.TestKit.Fakes;

/// <summary>
/// A hand-written <see cref="IChoiceLogProbs"/>: the first-token log-probs come from a callback that sees the prompt
/// (so a test can answer differently when the options are swapped); every call is recorded.
/// </summary>
public sealed class FakeChoiceLogProbs : IChoiceLogProbs
{
    readonly Func<IReadOnlyList<Message>, IReadOnlyDictionary<string, double>> _logProbs;
    readonly List<IReadOnlyList<Message>> _prompts = [];
    readonly Lock _gate = new();

    /// <summary>A source answering with <paramref name="logProbs"/>(prompt).</summary>
    public FakeChoiceLogProbs(Func<IReadOnlyList<Message>, IReadOnlyDictionary<string, double>> logProbs) =>
        _logProbs = logProbs ?? throw new ArgumentNullException(nameof(logProbs));

    /// <summary>Log-probs giving the option letters the probabilities <paramref name="pA"/> and <paramref name="pB"/>.</summary>
    public static IReadOnlyDictionary<string, double> Choices(double pA, double pB) =>
        new Dictionary<string, double> { ["A"] = Math.Log(pA), ["B"] = Math.Log(pB) };

    /// <summary>The prompts asked so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Message>> Prompts
    {
        get { lock (_gate) return [.. _prompts]; }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, double>> FirstTokenLogProbsAsync(
        IReadOnlyList<Message> prompt, int topK, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _prompts.Add(prompt);
            return Task.FromResult(_logProbs(prompt));
        }
    }
}
