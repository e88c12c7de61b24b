namespace Cai.Train.Trainers;

/// <summary>Where the reference model's summed completion log-probs come from: a live frozen model or a precomputed cache.</summary>
public interface IReferenceLogProbs
{
    /// <summary>Reference log-probs of the rows of <paramref name="batch"/> (N) — for pairs, chosen rows then rejected rows.</summary>
    /// <param name="eval">Whether <paramref name="indices"/> index the eval set rather than the training set.</param>
    /// <param name="indices">The dataset indices the batch was built from.</param>
    /// <param name="batch">The collated batch.</param>
    Tensor Score(bool eval, int[] indices, SequenceBatch batch);

    /// <summary>
    /// A preference trainer's reference: <paramref name="policy"/> as it is now, before any step (and before a resume
    /// loads checkpoint weights), as its precomputed scores of <paramref name="train"/> and <paramref name="eval"/>
    /// (<c>precompute_ref_log_probs</c>) or as a frozen copy.
    /// </summary>
    static IReferenceLogProbs Of(CausalLanguageModel policy, PreferenceOptions options, IReadOnlyList<TokenizedPair> train,
        IReadOnlyList<TokenizedPair> eval, int padId, TrainerRun run) =>
        options.PrecomputeRefLogProbs
            ? ReferenceLogProbCache.LoadOrCompute(policy, train, eval, padId, options.PerDeviceEvalBatchSize, run.ReferenceCacheDir)
            : new LiveReference(ModelCopy.Frozen(policy));
}
