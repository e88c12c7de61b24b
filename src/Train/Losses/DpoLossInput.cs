using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>
/// Per-example summed completion log-probs of a batch of preference pairs, each of shape (B), as
/// <see cref="SequenceLogProbs.Gather"/> returns them.
/// </summary>
/// <param name="PolicyChosen">log π_θ(y_w | x) for the chosen completion.</param>
/// <param name="PolicyRejected">log π_θ(y_l | x) for the rejected completion.</param>
/// <param name="ReferenceChosen">log π_ref(y_w | x); computed without gradient. Ignored by <see cref="DpoLossType.SimPo"/>.</param>
/// <param name="ReferenceRejected">log π_ref(y_l | x); computed without gradient. Ignored by <see cref="DpoLossType.SimPo"/>.</param>
/// <remarks>
/// For <see cref="DpoLossType.Ipo"/> the caller passes length-normalised log-probs (sum divided by the completion's
/// token count), as TRL does for <c>loss_type="ipo"</c>; every other variant takes sums.
/// </remarks>
public sealed record DpoLossInput(Tensor PolicyChosen, Tensor PolicyRejected, Tensor ReferenceChosen, Tensor ReferenceRejected)
{
    /// <summary>Completion token counts of the chosen sequences, shape (B). Required by <see cref="DpoLossType.SimPo"/>.</summary>
    public Tensor? ChosenTokenCounts { get; init; }

    /// <summary>Completion token counts of the rejected sequences, shape (B). Required by <see cref="DpoLossType.SimPo"/>.</summary>
    public Tensor? RejectedTokenCounts { get; init; }

    /// <summary>
    /// Per-example probability that chosen is preferred (a pair's <c>label_prob</c>), shape (B), in [0, 1].
    /// Required by <see cref="DpoLossType.SoftLabel"/>.
    /// </summary>
    public Tensor? LabelProbs { get; init; }

    /// <summary>The log-ratio difference h = (log π_θ(y_w) − log π_θ(y_l)) − (log π_ref(y_w) − log π_ref(y_l)), shape (B).</summary>
    /// <param name="referenceFree">When true the reference log-ratio is taken as 0 (TRL's <c>reference_free</c>).</param>
    public Tensor LogRatioDifference(bool referenceFree)
    {
        var policyLogRatios = PolicyChosen - PolicyRejected; // (B)
        return referenceFree ? policyLogRatios : policyLogRatios - (ReferenceChosen - ReferenceRejected);
    }
}
