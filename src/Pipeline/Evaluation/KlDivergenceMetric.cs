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
        var mean = ratios.Average();
        var variance = ratios.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, ratios.Count - 1);
        return new KlEstimate
        {
            Policy = policy.Id,
            Reference = reference.Id,
            Sequences = ratios.Count,
            Tokens = tokens,
            KlPerSequence = mean,
            StandardError = Math.Sqrt(variance / ratios.Count),
            KlPerToken = ratios.Sum() / tokens,
            SkippedEmpty = samples.Count - scored.Count,
        };
    }
}
