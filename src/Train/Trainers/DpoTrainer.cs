namespace Cai.Train.Trainers;

/// <summary>
/// Direct preference optimisation and its family (Rafailov et al. 2023, arXiv 2305.18290; the variants of
/// <see cref="DpoLossType"/>): per micro-batch, score chosen and rejected in one forward pass, take the reference's
/// log-probs (live frozen copy or precomputed cache), compute the loss and let <see cref="TrainingLoop"/> do the rest.
/// </summary>
public sealed class DpoTrainer(CausalLanguageModel policy, DpoOptions options, IReadOnlyList<TokenizedPair> train,
    IReadOnlyList<TokenizedPair> eval, int padId) : OfflineTrainer<TokenizedPair>(train, eval)
{
    IReferenceLogProbs? reference;

    /// <inheritdoc />
    public override string Name => "dpo";

    /// <summary>The reference source used by the last <see cref="OfflineTrainer{TExample}.Train"/> call (a <see cref="ReferenceLogProbCache"/> when precomputed).</summary>
    public IReferenceLogProbs? Reference => reference;

    /// <inheritdoc />
    protected override TrainingOptions Options => options;

    /// <inheritdoc />
    protected override nn.Module TrainedModule => policy;

    /// <inheritdoc />
    protected override void Prepare(TrainerRun run) =>
        reference = options.ReferenceFree && !options.PrecomputeRefLogProbs
            ? null
            : IReferenceLogProbs.Of(policy, options, TrainSet, EvalSet, padId, run);

    /// <inheritdoc />
    protected override (Tensor Sum, long Tokens) Forward(IReadOnlyList<TokenizedPair> set, int[] indices, bool eval, MetricSums sums)
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
        return (output.Losses.sum(), batch.TokenCount);
    }

    /// <inheritdoc />
    public override void SaveModel(string dir) => ModelFiles.Save(policy, dir, TokenizerFile);

    /// <inheritdoc />
    public override void LoadModel(string dir) => ModelFiles.LoadWeights(policy, dir);
}
