using Cai.Train.Data;
using static TorchSharp.torch;

namespace Cai.Train.Trainers;

/// <summary>Where the reference model's summed completion log-probs come from: a live frozen model or a precomputed cache.</summary>
public interface IReferenceLogProbs
{
    /// <summary>Reference log-probs of the rows of <paramref name="batch"/> (N) — for pairs, chosen rows then rejected rows.</summary>
    /// <param name="eval">Whether <paramref name="indices"/> index the eval set rather than the training set.</param>
    /// <param name="indices">The dataset indices the batch was built from.</param>
    /// <param name="batch">The collated batch.</param>
    Tensor Score(bool eval, int[] indices, SequenceBatch batch);
}
