using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Storage;

namespace Cai.Train.Online;

/// <summary>
/// PPO for language models as TRL's <c>PPOTrainer</c> runs it (Ziegler et al. 2019; Ouyang et al. 2022; Huang et al.
/// 2024): the policy, a frozen copy of it as reference, and a value model (a scalar head on its own backbone). Per
/// update: log-probs of the sampled tokens under policy and reference and the values, per-token rewards −β·KL with the
/// score at the last token, GAE, whitened advantages, then <c>num_ppo_epochs</c> passes of <c>num_mini_batches</c>
/// clipped policy + value steps. The math is <see cref="PpoMath"/>; this class only orchestrates.
/// </summary>
public sealed class PpoTrainer : OnlinePolicyTrainer
{
    /// <summary>The value model's subfolder in a checkpoint or output folder.</summary>
    public const string ValueModelDir = "value_model";

    /// <summary>The file keeping the (adaptive) KL coefficient.</summary>
    public const string StateFile = "ppo_state.json";

    readonly PpoOptions options;
    readonly TimeProvider time;

    /// <summary>Sets up PPO; the reference is a frozen copy of <paramref name="policy"/> as it is now.</summary>
    /// <param name="policy">The model to train (also the sampler).</param>
    /// <param name="valueModel">The value model, e.g. the reward model or the policy with a zero head.</param>
    /// <param name="options">PPO options.</param>
    /// <param name="time">Clock for the time/* metrics.</param>
    public PpoTrainer(CausalLanguageModel policy, RewardModel valueModel, PpoOptions options, TimeProvider? time = null)
        : base(policy, options, reference: true, valueModel?.parameters())
    {
        ArgumentNullException.ThrowIfNull(valueModel);
        (ValueModel, this.options, this.time) = (valueModel, options, time ?? TimeProvider.System);
        KlController = new AdaptiveKlController(options.KlCoef, options.Target, options.Horizon, options.AdapKlCtrl);
    }

    /// <inheritdoc />
    public override string Name => "ppo";

    /// <summary>The value model.</summary>
    public RewardModel ValueModel { get; }

    /// <summary>The KL coefficient (fixed or adaptive).</summary>
    public AdaptiveKlController KlController { get; }

    /// <summary>Called after each micro-batch with its policy-loss diagnostics (tests check the first-epoch invariants).</summary>
    public Action<PpoStepStats>? AfterMiniBatch { get; init; }

    /// <inheritdoc />
    public override void Update(RolloutBatch rollout, IReadOnlyList<double> scores, OptimizerStepper stepper, MetricSums sums, int update)
    {
        using var scope = NewDisposeScope();
        var device = Policy.Device;
        var (n, mask) = (rollout.Count, rollout.ResponseMask);
        Tensor logProbs, refLogProbs, values;
        var clock = time.GetTimestamp();
        using (no_grad())
        {
            Policy.eval();
            ValueModel.eval();
            var chunks = Enumerable.Range(0, n).Chunk(options.LocalRolloutForwardBatchSize).Select(c => RolloutForward.Rows(c, device)).ToArray();
            logProbs = RolloutForward.BatchLogProbs(Policy, rollout, options.LocalRolloutForwardBatchSize, options.Temperature);
            values = cat([.. chunks.Select(r => RolloutForward.Values(ValueModel, rollout, r))], 0).masked_fill(mask.logical_not(), 0.0);
            sums.Add("time/policy_forward", time.GetElapsedTime(clock).TotalSeconds, 1);
            clock = time.GetTimestamp();
            refLogProbs = RolloutForward.BatchLogProbs(Reference!, rollout, options.LocalRolloutForwardBatchSize, options.Temperature);
            sums.Add("time/reference", time.GetElapsedTime(clock).TotalSeconds, 1);
        }

        var scoreTensor = tensor(scores.ToArray(), device: device).to_type(logProbs.dtype); // (B)
        var kl = PpoMath.KlEstimate(logProbs, refLogProbs, mask, options.KlEstimator); // (B, R)
        var (rewards, nonScore) = PpoMath.PerTokenRewards(kl, scoreTensor, mask, KlController.Value);
        if (options.WhitenRewards)
            rewards = PpoMath.MaskedWhiten(rewards, mask, shiftMean: false);
        var (advantages, returns) = PpoMath.Gae(rewards, values, options.Gamma, options.Lam);
        advantages = PpoMath.MaskedWhiten(advantages, mask);

        clock = time.GetTimestamp();
        Policy.train();
        ValueModel.train();
        var order = Enumerable.Range(0, n).ToArray();
        var miniSize = (n + options.NumMiniBatches - 1) / options.NumMiniBatches;
        for (var epoch = 0; epoch < options.NumPpoEpochs; epoch++)
        {
            new Random(unchecked(options.Seed * 7919 + update * 31 + epoch)).Shuffle(order); // TRL: np.random.permutation per epoch
            for (var mini = 0; mini * miniSize < n; mini++)
            {
                var miniRows = order.Skip(mini * miniSize).Take(miniSize).ToArray();
                foreach (var micro in miniRows.Chunk(options.PerDeviceTrainBatchSize))
                {
                    using var microScope = NewDisposeScope();
                    var rows = RolloutForward.Rows(micro, device);
                    var microMask = mask.index_select(0, rows);
                    var logits = RolloutForward.Logits(Policy, rollout, rows, options.Temperature); // (b, R, V)
                    var newLogProbs = RolloutForward.LogProbs(logits, rollout.ResponseIds.index_select(0, rows));
                    var valuePredictions = RolloutForward.Values(ValueModel, rollout, rows).masked_fill(microMask.logical_not(), 0.0);
                    var policyLoss = PpoMath.PolicyLoss(newLogProbs, logProbs.index_select(0, rows), advantages.index_select(0, rows), microMask, options.Cliprange);
                    var valueLoss = PpoMath.ValueLoss(valuePredictions, values.index_select(0, rows), returns.index_select(0, rows), microMask, options.CliprangeValue);
                    var loss = policyLoss.Loss + options.VfCoef * valueLoss.Loss;
                    stepper.Backward(loss * ((double)micro.Length / miniRows.Length)); // TRL: gradient accumulation over a mini-batch's micro-batches
                    using (no_grad())
                    {
                        var stats = new PpoStepStats(epoch, mini, policyLoss.Ratio.ToDouble(), policyLoss.ApproxKl.ToDouble(), policyLoss.ClipFraction.ToDouble());
                        sums.Add("policy/approxkl_avg", stats.ApproxKl * micro.Length, micro.Length);
                        sums.Add("policy/clipfrac_avg", stats.ClipFraction * micro.Length, micro.Length);
                        sums.Add("loss/policy_avg", policyLoss.Loss.ToDouble() * micro.Length, micro.Length);
                        sums.Add("loss/value_avg", valueLoss.Loss.ToDouble() * micro.Length, micro.Length);
                        sums.Add("val/clipfrac_avg", valueLoss.ClipFraction.ToDouble() * micro.Length, micro.Length);
                        sums.Add("policy/entropy_avg", PpoMath.MaskedMean(PpoMath.Entropy(logits), microMask).ToDouble() * micro.Length, micro.Length);
                        sums.Add("val/ratio", stats.Ratio * micro.Length, micro.Length);
                        AfterMiniBatch?.Invoke(stats);
                    }
                }

                sums.Add("grad_norm", stepper.Step(), 1);
            }
        }

        sums.Add("time/update", time.GetElapsedTime(clock).TotalSeconds, 1);
        using (no_grad())
        {
            // TRL's objective/* metrics: sums over a response's tokens, means over responses.
            var meanKl = kl.sum(1).mean().ToDouble();
            var meanNonScore = nonScore.sum(1).mean().ToDouble();
            var meanScore = scoreTensor.mean().ToDouble();
            sums.Add("objective/kl", meanKl, 1);
            sums.Add("objective/entropy", (-logProbs * mask).sum(1).mean().ToDouble(), 1);
            sums.Add("objective/non_score_reward", meanNonScore, 1);
            sums.Add("objective/rlhf_reward", meanNonScore + meanScore, 1);
            sums.Add("objective/scores", meanScore, 1);
            sums.Add("objective/kl_coef", KlController.Value, 1);
            sums.Add("val/num_eos_tokens", rollout.EndedWithEos.Count(e => e), 1);
            sums.Add("val/response_length", rollout.Responses.Average(r => r.Length), 1);
            KlController.Update(meanKl, n);
        }
    }

    /// <inheritdoc />
    public override void Save(string dir, string? tokenizerFile)
    {
        base.Save(dir, tokenizerFile);
        ValueModel.Save(Path.Combine(dir, ValueModelDir), tokenizerFile);
        AtomicFile.WriteAllText(Path.Combine(dir, StateFile), JsonSerializer.Serialize(new State(KlController.Value), CaiJson.Options));
    }

    /// <inheritdoc />
    public override void Load(string dir)
    {
        base.Load(dir);
        ValueModel.Load(Path.Combine(dir, ValueModelDir));
        var path = Path.Combine(dir, StateFile);
        KlController.Value = (JsonSerializer.Deserialize<State>(File.ReadAllText(path), CaiJson.Options)
            ?? throw new InvalidDataException($"{path}: expected {{\"kl_coef\"}}")).KlCoef;
    }

    sealed record State(double KlCoef);
}

/// <summary>Diagnostics of one PPO micro-batch.</summary>
/// <param name="Epoch">0-based PPO epoch over the rollout.</param>
/// <param name="MiniBatch">0-based mini-batch within the epoch.</param>
/// <param name="Ratio">Mean policy ratio over real tokens.</param>
/// <param name="ApproxKl">½ · mean (log ratio)².</param>
/// <param name="ClipFraction">Fraction of tokens where the clip was active.</param>
public sealed record PpoStepStats(int Epoch, int MiniBatch, double Ratio, double ApproxKl, double ClipFraction);
