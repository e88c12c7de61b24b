using Cai.Models;
using Cai.Train.Loop;
using Cai.Train.Losses;
using Cai.Train.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Online;

/// <summary>
/// Online DPO (Guo et al. 2024) as TRL's <c>OnlineDPOTrainer</c> runs it: two completions per prompt from the current
/// policy (half-major rows: first completions, then second), the reward source's scores (less <c>missing_eos_penalty</c>)
/// pick chosen and rejected, and the sigmoid or IPO loss on summed log-probs against a frozen copy of the policy. One
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
        var (penalised, firstIsChosen) = OnlineDpoLoss.PreferByScore(tensor(scores.ToArray(), device: device), eos, options.MissingEosPenalty);
        var (first, second) = (penalised[..n], penalised[n..]);
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
            var output = OnlineDpoLoss.Compute(options.LossType, sequence, refRows, firstIsChosen.index_select(0, RolloutForward.Rows(pairs, device)), options.Beta);
            var loss = output.Losses.mean();
            stepper.Backward(loss * ((double)pairs.Length / n)); // the mean over the update's pairs
            using (no_grad())
            {
                var share = (double)pairs.Length;
                sums.Add("loss", loss.ToDouble() * share, share);
                foreach (var metric in output.Metrics())
                    sums.Add(metric.Key, metric.Value * share, share);
                sums.Add("objective/kl", (sequence - refRows).mean().ToDouble() * share, share);
                AfterMicroBatch?.Invoke(loss.ToDouble());
            }
        }

        sums.Add("grad_norm", stepper.Step(), 1);
    }
}
