namespace Cai.Train.Online;

/// <summary>
/// What RLOO and GRPO share (TRL's <c>RLOOTrainer</c> and <c>GRPOTrainer</c> run the same step): k completions per prompt
/// in consecutive rows, log-probs under the sampling policy (when the ratio or the KL needs them) and the frozen
/// reference (when β &gt; 0), advantages from the scores, then <c>num_iterations</c> passes over the generation batch in
/// micro-batches of <c>per_device_train_batch_size</c>, one optimizer step per pass. No value model.
/// </summary>
public abstract class GroupPolicyTrainer : OnlinePolicyTrainer
{
    readonly GroupRolloutOptions options;

    /// <summary>Sets up the trainer; the reference is a frozen copy of <paramref name="policy"/> when β &gt; 0.</summary>
    protected GroupPolicyTrainer(CausalLanguageModel policy, GroupRolloutOptions options)
        : base(policy, options, reference: options.Beta > 0) => this.options = options;

    /// <summary>Called after each micro-batch with its ratio diagnostics (tests check the first-iteration invariants).</summary>
    public Action<GroupStepStats>? AfterMicroBatch { get; init; }

    /// <summary>Whether the loss needs the sampling policy's log-probs (besides <c>num_iterations</c> &gt; 1).</summary>
    protected abstract bool NeedsOldLogProbs { get; }

    /// <summary>Advantages (B) of the generation batch; adds the reward metrics to <paramref name="sums"/>.</summary>
    protected abstract Tensor Advantages(Tensor scores, GroupLogProbs logProbs, MetricSums sums);

    /// <summary>The loss of one micro-batch (already scaled for accumulation over the generation batch) and its clip ratio; adds metrics.</summary>
    protected abstract (Tensor Loss, double ClipRatio) MicroLoss(GroupMicroBatch micro, MetricSums sums);

    /// <inheritdoc />
    public override void Update(RolloutBatch rollout, IReadOnlyList<double> scores, OptimizerStepper stepper, MetricSums sums, int update)
    {
        using var scope = NewDisposeScope();
        var device = Policy.Device;
        var n = rollout.Count;
        var mask = rollout.ResponseMask.to_type(ScalarType.Float32); // (B, R)
        if (options.MaskTruncatedCompletions)
            mask = mask * tensor(rollout.EndedWithEos.Select(e => e ? 1f : 0f).ToArray(), device: device).unsqueeze(1);
        Tensor? old = null, refLogps = null;
        using (no_grad())
        {
            Policy.eval();
            if (NeedsOldLogProbs || options.NumIterations > 1)
                old = RolloutForward.BatchLogProbs(Policy, rollout, options.PerDeviceTrainBatchSize, options.Temperature);
            if (Reference is not null)
                refLogps = RolloutForward.BatchLogProbs(Reference, rollout, options.PerDeviceTrainBatchSize, options.Temperature);
        }

        var logProbs = new GroupLogProbs(old, refLogps, mask);
        var advantages = Advantages(tensor(scores.ToArray(), device: device).to_type(ScalarType.Float32), logProbs, sums);
        foreach (var metric in Losses.GrpoLoss.CompletionLengthMetrics(rollout.ResponseMask))
            sums.Add(metric.Key, metric.Value, 1);
        var numItems = mask.sum().ToDouble();
        Policy.train();
        var order = Enumerable.Range(0, n).ToArray();
        for (var iteration = 0; iteration < options.NumIterations; iteration++)
        {
            if (iteration > 0)
                new Random(unchecked(options.Seed * 7919 + update * 31 + iteration)).Shuffle(order);
            var index = 0;
            foreach (var chunk in order.Chunk(options.PerDeviceTrainBatchSize))
            {
                using var microScope = NewDisposeScope();
                var rows = RolloutForward.Rows(chunk, device);
                var logps = RolloutForward.LogProbs(RolloutForward.Logits(Policy, rollout, rows, options.Temperature), rollout.ResponseIds.index_select(0, rows));
                var micro = new GroupMicroBatch(logps, old?.index_select(0, rows), refLogps?.index_select(0, rows), mask.index_select(0, rows),
                    advantages.index_select(0, rows), (double)chunk.Length / n, numItems);
                var (loss, clip) = MicroLoss(micro, sums);
                stepper.Backward(loss);
                using (no_grad())
                {
                    sums.Add("loss", loss.ToDouble(), 1.0 / options.GradientAccumulationSteps);
                    var ratio = micro.OldLogps is null ? 1.0 : ((logps - micro.OldLogps).exp() * micro.Mask).sum().ToDouble() / Math.Max(1.0, micro.Mask.sum().ToDouble());
                    AfterMicroBatch?.Invoke(new GroupStepStats(iteration, index++, ratio, clip));
                }
            }

            sums.Add("grad_norm", stepper.Step(), 1);
        }
    }

}

/// <summary>The generation batch's detached log-probs (B, R): sampling policy (null when not needed), reference (null when β = 0), and the completion mask.</summary>
/// <param name="Old">Under the policy that sampled the batch.</param>
/// <param name="Reference">Under the frozen reference.</param>
/// <param name="Mask">1 on completion tokens that count.</param>
public sealed record GroupLogProbs(Tensor? Old, Tensor? Reference, Tensor Mask);

/// <summary>One micro-batch of a group trainer's pass.</summary>
/// <param name="Logps">Log-probs under the policy being trained (B, R), with gradient.</param>
/// <param name="OldLogps">Under the sampling policy, or null (then the ratio is 1).</param>
/// <param name="RefLogps">Under the reference, or null.</param>
/// <param name="Mask">Completion mask (B, R).</param>
/// <param name="Advantages">Advantages (B).</param>
/// <param name="Share">The micro-batch's share of the generation batch's rows.</param>
/// <param name="NumItemsInBatch">Completion tokens of the generation batch.</param>
public sealed record GroupMicroBatch(Tensor Logps, Tensor? OldLogps, Tensor? RefLogps, Tensor Mask, Tensor Advantages, double Share,
    double NumItemsInBatch);

/// <summary>Diagnostics of one group-trainer micro-batch.</summary>
/// <param name="Iteration">0-based pass over the generation batch (<c>num_iterations</c>).</param>
/// <param name="MicroBatch">0-based micro-batch within the pass.</param>
/// <param name="Ratio">Mean token ratio π_θ / π_old over real tokens (1 when π_old is the current policy).</param>
/// <param name="ClipRatio">Fraction clipped (TRL's <c>clip_ratio/region_mean</c>).</param>
public sealed record GroupStepStats(int Iteration, int MicroBatch, double Ratio, double ClipRatio);
