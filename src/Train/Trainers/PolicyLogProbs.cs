namespace Cai.Train.Trainers;

/// <summary>Summed completion log-probs of every row of a right-padded batch, with gradient (call under no_grad for reference passes).</summary>
public static class PolicyLogProbs
{
    /// <summary>One forward pass over <paramref name="batch"/>; sums are (N) like the batch's rows.</summary>
    public static SequenceLogProbsOutput Compute(CausalLanguageModel model, SequenceBatch batch)
    {
        var logits = model.Forward(batch.InputIds); // (N, T, V)
        return SequenceLogProbs.Gather(logits, batch.InputIds, batch.CompletionMask);
    }
}
