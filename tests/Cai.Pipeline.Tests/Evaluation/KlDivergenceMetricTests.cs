using Cai.Pipeline.Evaluation;
using static TorchSharp.torch;

namespace Cai.Pipeline.Tests.Evaluation;

[Collection(EvaluationTorchCollection.Name)]
public sealed class KlDivergenceMetricTests
{
    static readonly EvalSamplingOptions Small = new() { SamplesPerPrompt = 3, MaxTokens = 32, Seed = 3 };

    [Fact]
    public void Estimate_ModelAgainstItself_IsExactlyZero()
    {
        using var policy = EvalFixtures.LoadModel();
        using var reference = EvalFixtures.LoadModel();

        var kl = new KlDivergenceMetric(policy, reference).Estimate(EvalFixtures.TwoPrompts(), Small);

        Assert.Equal(6, kl.Sequences + kl.SkippedEmpty);
        Assert.True(kl.Tokens > 0);
        Assert.Equal(0.0, kl.KlPerSequence);
        Assert.Equal(0.0, kl.KlPerToken);
    }

    [Fact]
    public void Estimate_AgainstPerturbedCopy_IsPositive()
    {
        using var policy = EvalFixtures.LoadModel();
        using var reference = EvalFixtures.LoadModel();
        manual_seed(11);
        using (no_grad())
            foreach (var p in reference.Module.parameters())
                p.add_(randn_like(p).mul_(0.1));

        var kl = new KlDivergenceMetric(policy, reference).Estimate(EvalFixtures.TwoPrompts(), Small);

        Assert.True(kl.KlPerSequence > 0, $"KL per sequence {kl.KlPerSequence}");
        Assert.True(kl.KlPerToken > 0, $"KL per token {kl.KlPerToken}");
        Assert.Equal(kl.KlPerSequence * kl.Sequences / kl.Tokens, kl.KlPerToken, 9);
    }

    [Fact]
    public void Estimate_CountsTheStopTokenOfCompletionsThatEndedWithOne()
    {
        // Ending a story is the policy's choice too: completions that stopped at BOS/EOS are scored with that token.
        using var policy = EvalFixtures.LoadModel();
        using var reference = EvalFixtures.LoadModel();
        var options = Small with { SamplesPerPrompt = 4, MaxTokens = 400 };
        var samples = CompletionSampler.Sample(policy, EvalFixtures.TwoPrompts(), options with { Temperature = 1.0 })
            .Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();
        var stopped = samples.Count(s => s.StopTokenId is not null);
        var textTokens = policy.ScoreBatch([.. samples.Select(s => (s.Prompt, s.Text))]).Sum(s => s.TokenCount);

        var kl = new KlDivergenceMetric(policy, reference).Estimate(EvalFixtures.TwoPrompts(), options);

        Assert.True(stopped > 0, "no sample ended with a stop token within 400 tokens");
        Assert.Equal(textTokens + stopped, kl.Tokens);
    }
}
