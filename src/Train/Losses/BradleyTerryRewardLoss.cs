using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>The pairwise Bradley–Terry loss for training a scalar reward model.</summary>
public static class BradleyTerryRewardLoss
{
    /// <summary>Mean pairwise reward-model loss over the batch, a scalar.</summary>
    /// <param name="chosenRewards">r_θ(x, y_w), shape (B).</param>
    /// <param name="rejectedRewards">r_θ(x, y_l), shape (B).</param>
    /// <param name="margin">Optional per-pair margin m, shape (B) (TRL's <c>margin</c> column, Llama 2 §3.2.2).</param>
    /// <param name="centerRewardsCoefficient">
    /// Optional weight of the auxiliary term that keeps rewards centred on zero (TRL <c>center_rewards_coefficient</c>).
    /// </param>
    /// <returns>The scalar loss.</returns>
    public static Tensor Compute(Tensor chosenRewards, Tensor rejectedRewards, Tensor? margin = null,
        double? centerRewardsCoefficient = null)
    {
        TensorShapes.RequireSame(rejectedRewards, nameof(rejectedRewards), chosenRewards, nameof(chosenRewards));
        if (margin is not null)
        {
            TensorShapes.RequireSame(margin, nameof(margin), chosenRewards, nameof(chosenRewards));
        }

        // Ouyang et al. 2022, "Training language models to follow instructions with human feedback", Eq. 1:
        // L = −E[log σ(r(x, y_w) − r(x, y_l))]; Touvron et al. 2023 (Llama 2), Eq. 2 subtracts a margin m(r) inside σ.
        var difference = chosenRewards - rejectedRewards; // (B)
        if (margin is not null)
        {
            difference = difference - margin;
        }

        var loss = -F.logsigmoid(difference).mean(); // ()
        if (centerRewardsCoefficient is { } coefficient)
        {
            // Eisenstein et al. 2023, "Helping or Herding? Reward Model Ensembles Mitigate but do not
            // Eliminate Reward Hacking": penalise (r_w + r_l)² so rewards stay centred (TRL's
            // center_rewards_coefficient term).
            var sum = chosenRewards + rejectedRewards; // (B)
            loss = loss + (sum * sum).mean() * coefficient;
        }

        return loss;
    }
}
