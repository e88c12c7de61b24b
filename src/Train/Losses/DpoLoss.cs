using static System.FormattableString;
using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>Dispatches the DPO-family losses of <see cref="DpoLossType"/> and computes the implicit rewards TRL logs.</summary>
public static class DpoLoss
{
    /// <summary>Computes per-example losses and implicit rewards for a batch of preference pairs.</summary>
    /// <param name="type">Which loss to apply.</param>
    /// <param name="input">Per-example log-probs, shape (B) each, plus whatever the chosen variant needs.</param>
    /// <param name="parameters">β, ε, γ and reference-free mode.</param>
    /// <returns>
    /// Per-example losses (with gradient) and detached rewards: β·(log π_θ − log π_ref) for every variant except
    /// <see cref="DpoLossType.SimPo"/>, whose reward is β times the mean per-token log-prob (Meng et al. 2024, Eq. 4).
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is out of range, shapes differ, or an input the variant needs is missing.</exception>
    public static DpoLossOutput Compute(DpoLossType type, DpoLossInput input, DpoLossParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(type, input, parameters);
        var (beta, epsilon) = (parameters.Beta, parameters.LabelSmoothing);
        if (type == DpoLossType.SimPo)
        {
            // A completion with no tokens would divide by zero; its sum is 0, so clamping the count keeps its average at 0.
            var chosenAverage = input.PolicyChosen / Required(input.ChosenTokenCounts, nameof(input.ChosenTokenCounts), type, input.PolicyChosen).clamp_min(1.0);
            var rejectedAverage = input.PolicyRejected / Required(input.RejectedTokenCounts, nameof(input.RejectedTokenCounts), type, input.PolicyChosen).clamp_min(1.0);
            var simPo = SimPoLoss.Compute(chosenAverage, rejectedAverage, beta, parameters.SimpoGamma, epsilon);
            return new DpoLossOutput(simPo, (chosenAverage * beta).detach(), (rejectedAverage * beta).detach());
        }

        var h = input.LogRatioDifference(parameters.ReferenceFree); // (B)
        var losses = type switch
        {
            DpoLossType.Sigmoid => SigmoidDpoLoss.Compute(h, beta, epsilon),
            DpoLossType.Hinge => HingeDpoLoss.Compute(h, beta),
            DpoLossType.Ipo => IpoLoss.Compute(h, beta),
            DpoLossType.Robust => RobustDpoLoss.Compute(h, beta, epsilon),
            DpoLossType.SoftLabel => SoftLabelDpoLoss.Compute(h, Required(input.LabelProbs, nameof(input.LabelProbs), type, input.PolicyChosen), beta),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"unknown DPO loss type {type}"),
        };
        var chosenRewards = ((input.PolicyChosen - input.ReferenceChosen) * beta).detach();
        var rejectedRewards = ((input.PolicyRejected - input.ReferenceRejected) * beta).detach();
        return new DpoLossOutput(losses, chosenRewards, rejectedRewards);
    }

    private static void Validate(DpoLossType type, DpoLossInput input, DpoLossParameters parameters)
    {
        if (!(parameters.Beta > 0) || double.IsInfinity(parameters.Beta))
        {
            throw new ArgumentException(Invariant($"beta must be > 0 (got {parameters.Beta})"), nameof(parameters));
        }

        if (!(parameters.LabelSmoothing >= 0 && parameters.LabelSmoothing < 0.5))
        {
            throw new ArgumentException(
                Invariant($"label_smoothing must be in [0, 0.5) (got {parameters.LabelSmoothing})"), nameof(parameters));
        }

        TensorShapes.RequireSame(input.PolicyRejected, nameof(input.PolicyRejected), input.PolicyChosen, nameof(input.PolicyChosen));
        if (type != DpoLossType.SimPo)
        {
            TensorShapes.RequireSame(input.ReferenceChosen, nameof(input.ReferenceChosen), input.PolicyChosen, nameof(input.PolicyChosen));
            TensorShapes.RequireSame(input.ReferenceRejected, nameof(input.ReferenceRejected), input.PolicyChosen, nameof(input.PolicyChosen));
        }
    }

    private static Tensor Required(Tensor? tensor, string name, DpoLossType type, Tensor like)
    {
        if (tensor is null)
        {
            throw new ArgumentException(Invariant($"{name} is required for loss type {type}"), name);
        }

        TensorShapes.RequireSame(tensor, name, like, nameof(DpoLossInput.PolicyChosen));
        return tensor;
    }
}
