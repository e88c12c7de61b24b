using Cai.Models;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Losses;
using Cai.Train.Models;
using Cai.Train.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Trainers;

/// <summary>
/// Direct preference optimisation and its family (Rafailov et al. 2023, arXiv 2305.18290; the variants of
/// <see cref="DpoLossType"/>): per micro-batch, score chosen and rejected in one forward pass, take the reference's
/// log-probs (live frozen copy or precomputed cache), compute the loss and let <see cref="TrainingLoop"/> do the rest.
/// </summary>
public sealed class DpoTrainer(CausalLanguageModel policy, DpoOptions options, IReadOnlyList<TokenizedPair> train,
    IReadOnlyList<TokenizedPair> eval, int padId) : ITrainingTask
{
    IReferenceLogProbs? reference;
    string? tokenizerFile;

    /// <inheritdoc />
    public string Name => "dpo";

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public bool HasEval => eval.Count > 0;

    /// <summary>The reference source used by the last <see cref="Train"/> call (a <see cref="ReferenceLogProbCache"/> when precomputed).</summary>
    public IReferenceLogProbs? Reference => reference;

    /// <summary>Trains the policy; returns the last step reached.</summary>
    public int Train(TrainerRun run)
    {
        options.Validate();
        tokenizerFile = run.TokenizerFile;
        // The reference is the policy as it is now, before any step (and before a resume loads checkpoint weights).
        reference = options.PrecomputeRefLogProbs
            ? ReferenceLogProbCache.LoadOrCompute(policy, train, eval, padId, options.PerDeviceEvalBatchSize, run.ReferenceCacheDir)
            : options.ReferenceFree ? null : new LiveReference(ModelCopy.Frozen(policy));
        policy.train();
        return new TrainingLoop(policy, options, this, run).Run();
    }

    /// <inheritdoc />
    public double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Length);

    /// <inheritdoc />
    public (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums)
    {
        var (losses, tokens) = Forward(train, indices, eval: false, sums);
        return (losses.sum() / stepWeight, tokens);
    }

    /// <inheritdoc />
    public void Evaluate(MetricSums sums)
    {
        policy.eval();
        foreach (var chunk in Enumerable.Range(0, eval.Count).Chunk(options.PerDeviceEvalBatchSize))
        {
            using var scope = NewDisposeScope();
            Forward(eval, chunk, eval: true, sums);
        }

        policy.train();
    }

    (Tensor Losses, long Tokens) Forward(IReadOnlyList<TokenizedPair> set, int[] indices, bool eval, MetricSums sums)
    {
        var pairs = indices.Select(i => set[i]).ToArray();
        var n = pairs.Length;
        using var batch = SequenceCollator.CollatePairs(pairs, padId, policy.Device);
        var policyLogps = PolicyLogProbs.Compute(policy, batch); // (2B)
        var referenceLogps = reference?.Score(eval, indices, batch) ?? zeros_like(policyLogps.Summed); // (2B)
        var (pol, refs, counts) = (policyLogps.Summed, referenceLogps, policyLogps.TokenCounts);
        var input = new DpoLossInput(pol[..n], pol[n..], refs[..n], refs[n..])
        {
            ChosenTokenCounts = counts[..n],
            RejectedTokenCounts = counts[n..],
            LabelProbs = tensor(pairs.Select(p => (float)p.LabelProb).ToArray(), device: pol.device),
        };
        var output = DpoLoss.Compute(options.LossType, input, options.ToLossParameters());
        sums.Add("loss", output.Losses.sum().ToDouble(), n);
        sums.Add("rewards/chosen", output.ChosenRewards.sum().ToDouble(), n);
        sums.Add("rewards/rejected", output.RejectedRewards.sum().ToDouble(), n);
        sums.Add("rewards/margins", output.RewardMargins().sum().ToDouble(), n);
        sums.Add("rewards/accuracies", output.RewardAccuracies().sum().ToDouble(), n);
        sums.Add("logps/chosen", policyLogps.Summed[..n].sum().ToDouble(), n);
        sums.Add("logps/rejected", policyLogps.Summed[n..].sum().ToDouble(), n);
        return (output.Losses, batch.TokenCount);
    }

    /// <inheritdoc />
    public void SaveModel(string dir) => ModelFiles.Save(policy, dir, tokenizerFile);

    /// <inheritdoc />
    public void LoadModel(string dir) => ModelFiles.LoadWeights(policy, dir);
}
