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
/// Kahneman–Tversky optimisation (Ethayarajh et al. 2024) on unpaired examples. As in TRL, the KL reference point comes
/// from mismatched pairs in the same micro-batch: prompt i with the completion of example i − 1. It is a batch statistic,
/// so unlike DPO the loss depends on how a step is split into micro-batches.
/// </summary>
public sealed class KtoTrainer(CausalLanguageModel policy, KtoOptions options, IReadOnlyList<TokenizedCompletion> train,
    IReadOnlyList<TokenizedCompletion> eval, int padId) : ITrainingTask
{
    IReferenceLogProbs? reference;
    string? tokenizerFile;

    /// <inheritdoc />
    public string Name => "kto";

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public bool HasEval => eval.Count > 0;

    /// <summary>Trains the policy against a frozen copy of itself; returns the last step reached.</summary>
    /// <exception cref="NotSupportedException"><c>precompute_ref_log_probs</c> is set (not implemented for KTO yet).</exception>
    public int Train(TrainerRun run)
    {
        options.Validate();
        if (options.PrecomputeRefLogProbs)
            throw new NotSupportedException("precompute_ref_log_probs is not implemented for KTO yet; the KL pairs depend on batching");
        tokenizerFile = run.TokenizerFile;
        reference = new LiveReference(ModelCopy.Frozen(policy));
        policy.train();
        return new TrainingLoop(policy, options, this, run).Run();
    }

    /// <inheritdoc />
    public double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Length);

    /// <inheritdoc />
    public (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums)
    {
        var (losses, tokens) = Forward(train, indices, sums);
        return (losses.sum() / stepWeight, tokens);
    }

    /// <inheritdoc />
    public void Evaluate(MetricSums sums)
    {
        policy.eval();
        foreach (var chunk in Enumerable.Range(0, eval.Count).Chunk(options.PerDeviceEvalBatchSize))
        {
            using var scope = NewDisposeScope();
            Forward(eval, chunk, sums);
        }

        policy.train();
    }

    (Tensor Losses, long Tokens) Forward(IReadOnlyList<TokenizedCompletion> set, int[] indices, MetricSums sums)
    {
        var rows = indices.Select(i => set[i]).ToArray();
        var n = rows.Length;
        var mismatched = rows.Select((r, i) => (r.Prompt, rows[(i + n - 1) % n].Completion));
        using var batch = SequenceCollator.Collate([.. rows.Select(r => (r.Prompt, r.Completion)), .. mismatched], padId, policy.Device);
        var logps = PolicyLogProbs.Compute(policy, batch).Summed; // (2B): examples, then KL pairs
        var refs = reference!.Score(false, indices, batch); // (2B)
        var desirable = tensor(rows.Select((r, i) => (long)i).Where(i => rows[i].Label).ToArray(), ScalarType.Int64, policy.Device);
        var undesirable = tensor(rows.Select((r, i) => (long)i).Where(i => !rows[i].Label).ToArray(), ScalarType.Int64, policy.Device);
        var output = KtoLoss.Compute(logps.index_select(0, desirable), logps.index_select(0, undesirable), logps[n..],
            refs.index_select(0, desirable), refs.index_select(0, undesirable), refs[n..],
            options.Beta, options.DesirableWeight, options.UndesirableWeight);
        sums.Add("loss", output.Losses.sum().ToDouble(), n);
        sums.Add("rewards/chosen", output.ChosenRewards.sum().ToDouble(), desirable.shape[0]);
        sums.Add("rewards/rejected", output.RejectedRewards.sum().ToDouble(), undesirable.shape[0]);
        sums.Add("logps/chosen", logps.index_select(0, desirable).sum().ToDouble(), desirable.shape[0]);
        sums.Add("logps/rejected", logps.index_select(0, undesirable).sum().ToDouble(), undesirable.shape[0]);
        sums.Add("kl", output.Kl.ToDouble(), 1);
        return (output.Losses, batch.TokenCount);
    }

    /// <inheritdoc />
    public void SaveModel(string dir) => ModelFiles.Save(policy, dir, tokenizerFile);

    /// <inheritdoc />
    public void LoadModel(string dir) => ModelFiles.LoadWeights(policy, dir);
}
