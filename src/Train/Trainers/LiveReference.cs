namespace Cai.Train.Trainers;

/// <summary>Scores batches with a frozen reference model, without gradient.</summary>
/// <param name="reference">The frozen model (see <see cref="Models.ModelCopy.Frozen"/>).</param>
public sealed class LiveReference(CausalLanguageModel reference) : IReferenceLogProbs
{
    /// <inheritdoc />
    public Tensor Score(bool eval, int[] indices, SequenceBatch batch)
    {
        using var _ = no_grad();
        return PolicyLogProbs.Compute(reference, batch).Summed;
    }
}
