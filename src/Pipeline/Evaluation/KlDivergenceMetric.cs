using Cai.Models;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Estimates KL(pi || pi_ref) = E_{y ~ pi(.|x)}[log pi(y|x) - log pi_ref(y|x)] from samples of the policy, the
/// divergence the DPO objective constrains (Rafailov et al. 2023, arXiv 2305.18290, eq. 3; the x-axis of its
/// reward-KL frontier). Samples are drawn at temperature 1 so they follow the policy's own distribution; both
/// log-probabilities are summed over the completion tokens by the same text scorer, and over the stop token that ended
/// the completion when one did: ending a story is a choice of the policy like any token (TRL's objective/kl counts the
/// EOS token of a response too), and a policy that learned to end early moves its probability there.
/// </summary>
public sealed class KlDivergenceMetric(LocalModel policy, LocalModel reference)
{
    /// <summary>Samples from the policy and estimates the divergence.</summary>
    public KlEstimate Estimate(IReadOnlyList<EvalPrompt> prompts, EvalSamplingOptions options)
    {
        var samples = CompletionSampler.Sample(policy, prompts, options with { Temperature = 1.0 });
        var scored = samples.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();
        var ratios = new List<double>();
        var tokens = 0;
        for (var start = 0; start < scored.Count; start += 16)
        {
            var batch = scored.Skip(start).Take(16).ToList();
            var pairs = batch.Select(s => (s.Prompt, s.Text)).ToList();
            var ends = batch.Select(s => s.StopTokenId).ToList();
            var p = policy.ScoreBatch(pairs, ends);
            var q = reference.ScoreBatch(pairs, ends);
            for (var i = 0; i < pairs.Count; i++)
            {
                ratios.Add(p[i].LogProb - q[i].LogProb);
                tokens += p[i].TokenCount;
            }
        }
        if (ratios.Count == 0)
            throw new InvalidOperationException(
                $"Policy '{policy.Id}' produced only empty completions; the KL estimate needs at least one token.");
        return new KlEstimate
        {
            Policy = policy.Id,
            Reference = reference.Id,
            Sequences = ratios.Count,
            Tokens = tokens,
            KlPerSequence = ratios.Average(),
            StandardError = StandardError.OfMean(ratios),
            KlPerToken = ratios.Sum() / tokens,
            SkippedEmpty = samples.Count - scored.Count,
        };
    }
}

/// <summary>A Monte-Carlo estimate of KL(policy || reference) from completions sampled from the policy.</summary>
public sealed record KlEstimate
{
    /// <summary>The policy model.</summary>
    public required string Policy { get; init; }

    /// <summary>The reference model.</summary>
    public required string Reference { get; init; }

    /// <summary>Completions scored (empty completions are left out).</summary>
    public required int Sequences { get; init; }

    /// <summary>Completion tokens scored, summed over sequences.</summary>
    public required int Tokens { get; init; }

    /// <summary>Mean over samples of log p_policy(y|x) - log p_ref(y|x), in nats per sequence.</summary>
    public required double KlPerSequence { get; init; }

    /// <summary>Standard error of <see cref="KlPerSequence"/>, a mean over samples (<see cref="Evaluation.StandardError.OfMean"/>).</summary>
    public required double StandardError { get; init; }

    /// <summary>The summed log-ratio divided by the summed completion tokens, in nats per token.</summary>
    public required double KlPerToken { get; init; }

    /// <summary>Sampled completions that were empty and could not be scored.</summary>
    public int SkippedEmpty { get; init; }
}
