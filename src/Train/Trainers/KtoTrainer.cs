namespace Cai.Train.Trainers;

/// <summary>
/// Kahneman–Tversky optimisation (Ethayarajh et al. 2024) on unpaired examples. As in TRL, the KL reference point comes
/// from mismatched pairs: each prompt with the completion of another example of the same set. The examples are put in
/// one seeded random cycle and each takes its predecessor's completion (TRL rotates completions within dataset blocks,
/// which pairs a prompt with its own other answer when an export keeps a prompt's rows together; the random cycle
/// does not). The pairs are fixed before training, so the reference can score them once
/// (<c>precompute_ref_log_probs</c>); the KL estimate is still a mean over each micro-batch, so unlike DPO the loss
/// depends on how a step is split into micro-batches.
/// </summary>
public sealed class KtoTrainer(CausalLanguageModel policy, KtoOptions options, IReadOnlyList<TokenizedCompletion> train,
    IReadOnlyList<TokenizedCompletion> eval, int padId) : OfflineTrainer<TokenizedCompletion>(train, eval)
{
    // Each example as a pair: its own completion first, the KL completion (its predecessor's in the cycle) second.
    readonly IReadOnlyList<TokenizedPair> trainKl = KlPairs(train, options.Seed), evalKl = KlPairs(eval, options.Seed);
    IReferenceLogProbs? reference;

    /// <inheritdoc />
    public override string Name => "kto";

    /// <summary>The reference source used by the last <see cref="OfflineTrainer{TExample}.Train"/> call (a <see cref="ReferenceLogProbCache"/> when precomputed).</summary>
    public IReferenceLogProbs? Reference => reference;

    /// <inheritdoc />
    protected override TrainingOptions Options => options;

    /// <inheritdoc />
    protected override nn.Module TrainedModule => policy;

    /// <inheritdoc />
    protected override void Prepare(TrainerRun run) => reference = IReferenceLogProbs.Of(policy, options, trainKl, evalKl, padId, run);

    /// <inheritdoc />
    protected override (Tensor Sum, long Tokens) Forward(IReadOnlyList<TokenizedCompletion> set, int[] indices, bool eval, MetricSums sums)
    {
        var kl = eval ? evalKl : trainKl;
        var rows = indices.Select(i => set[i]).ToArray();
        var n = rows.Length;
        using var batch = SequenceCollator.CollatePairs([.. indices.Select(i => kl[i])], padId, policy.Device);
        var logps = PolicyLogProbs.Compute(policy, batch).Summed; // (2B): examples, then KL pairs
        var refs = reference!.Score(eval, indices, batch); // (2B)
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
        return (output.Losses.sum(), batch.TokenCount);
    }

    /// <summary>
    /// Each example as a pair of its own completion and its KL completion: the examples in a seeded random order form a
    /// cycle, and each takes the completion of the one before it (never its own when there are two or more).
    /// </summary>
    public static IReadOnlyList<TokenizedPair> KlPairs(IReadOnlyList<TokenizedCompletion> set, int seed)
    {
        var order = Enumerable.Range(0, set.Count).ToArray();
        new Random(seed).Shuffle(order);
        var kl = new TokenizedPair[set.Count];
        for (var k = 0; k < order.Length; k++)
        {
            var (self, before) = (set[order[k]], set[order[(k + order.Length - 1) % order.Length]]);
            kl[order[k]] = new TokenizedPair(self.Id, self.Prompt, self.Completion, before.Completion);
        }
        return kl;
    }

    /// <inheritdoc />
    public override void SaveModel(string dir) => ModelFiles.Save(policy, dir, TokenizerFile);

    /// <inheritdoc />
    public override void LoadModel(string dir) => ModelFiles.LoadWeights(policy, dir);
}
