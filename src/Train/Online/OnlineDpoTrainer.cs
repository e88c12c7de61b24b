namespace Cai.Train.Online;

/// <summary>
/// Online DPO (Guo et al. 2024) as TRL's <c>OnlineDPOTrainer</c> runs it: two completions per prompt from the current
/// policy (half-major rows: first completions, then second), the reward source's scores (less <c>missing_eos_penalty</c>)
/// pick chosen and rejected (a tie carries no gradient), and the sigmoid or IPO loss on summed log-probs against a frozen copy of the policy. One
/// optimizer step per update, accumulated over micro-batches of <c>per_device_train_batch_size</c> prompts. The math
/// is <see cref="OnlineDpoLoss"/>.
/// </summary>
/// <param name="policy">The model to train (also the sampler); the reference is a frozen copy of it as it is now.</param>
/// <param name="options">Online DPO options.</param>
public sealed class OnlineDpoTrainer(CausalLanguageModel policy, OnlineDpoOptions options)
    : OnlinePolicyTrainer(policy, options, reference: true)
{
    readonly OnlineDpoOptions options = options;

    /// <inheritdoc />
    public override string Name => "online-dpo";

    /// <summary>Called after each micro-batch with its mean loss (tests check ln 2 while the policy is the reference).</summary>
    public Action<double>? AfterMicroBatch { get; init; }

    /// <inheritdoc />
    public override void Update(RolloutBatch rollout, IReadOnlyList<double> scores, OptimizerStepper stepper, MetricSums sums, int update)
    {
        using var scope = NewDisposeScope();
        var device = Policy.Device;
        var n = rollout.Count / 2;
        var mask = rollout.ResponseMask.to_type(ScalarType.Float32); // (2N, R)
        Tensor refSequence;
        using (no_grad())
            refSequence = (RolloutForward.BatchLogProbs(Reference!, rollout, options.PerDeviceTrainBatchSize * 2, 1.0) * mask).sum(-1); // (2N)
        var eos = tensor(rollout.EndedWithEos.ToArray(), device: device);
        var penalised = tensor(scores.ToArray(), device: device); // (2N)
        var firstIsChosen = OnlineDpoLoss.PreferByScore(penalised);
        var (first, second) = (penalised[..n], penalised[n..]);
        // A pair with equal scores states no preference, so it carries no gradient (TRL's reward-model path would
        // prefer the first completion; with continuous scores ties do not occur and the two agree). Discrete rewards
        // such as the constitution's rules tie often; training on those pairs would be training on coin flips.
        var decided = first.ne(second).to_type(ScalarType.Float32); // (N)
        var decidedCount = decided.sum().ToDouble();
        sums.Add("objective/frac_ties", 1 - decidedCount / n, 1);
        sums.Add("objective/scores", penalised.mean().ToDouble(), 1);
        sums.Add("objective/scores_margin", where(firstIsChosen, first - second, second - first).mean().ToDouble(), 1);
        sums.Add("val/contain_eos_token", eos.to_type(ScalarType.Float32).mean().ToDouble(), 1);
        sums.Add("beta", options.Beta, 1);
        foreach (var metric in GrpoLoss.CompletionLengthMetrics(rollout.ResponseMask))
            sums.Add(metric.Key, metric.Value, 1);

        Policy.train();
        foreach (var pairs in Enumerable.Range(0, n).Chunk(options.PerDeviceTrainBatchSize))
        {
            using var microScope = NewDisposeScope();
            var rows = RolloutForward.Rows([.. pairs, .. pairs.Select(i => i + n)], device); // half-major within the micro-batch too
            var logps = RolloutForward.LogProbs(RolloutForward.Logits(Policy, rollout, rows, 1.0), rollout.ResponseIds.index_select(0, rows));
            var sequence = (logps * mask.index_select(0, rows)).sum(-1); // (2b)
            var refRows = refSequence.index_select(0, rows);
            var pairRows = RolloutForward.Rows(pairs, device);
            var output = OnlineDpoLoss.Compute(options.LossType, sequence, refRows, firstIsChosen.index_select(0, pairRows), options.Beta);
            var weights = decided.index_select(0, pairRows); // (b)
            var share = weights.sum().ToDouble();
            // The mean over the update's decided pairs; a micro-batch of ties only adds a zero gradient.
            stepper.Backward((output.Losses * weights).sum() / Math.Max(1, decidedCount));
            using (no_grad())
            {
                sums.Add("objective/kl", (sequence - refRows).mean().ToDouble() * pairs.Length, pairs.Length);
                if (share == 0)
                    continue;
                var loss = ((output.Losses * weights).sum() / share).ToDouble();
                sums.Add("loss", loss * share, share);
                foreach (var metric in output.Metrics(weights))
                    sums.Add(metric.Key, metric.Value * share, share);
                AfterMicroBatch?.Invoke(loss);
            }
        }

        sums.Add("grad_norm", stepper.Step(), 1);
    }
}
