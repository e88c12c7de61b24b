namespace Cai.Train.Trainers;

/// <summary>
/// Trains a scalar reward model on preference pairs with the Bradley–Terry loss (Ouyang et al. 2022, Eq. 1): the LM
/// plus a value head on the last token (<see cref="RewardModel"/>). Pairwise accuracy on held-out pairs is logged as
/// <c>eval_rewards/accuracies</c>.
/// </summary>
public sealed class RewardTrainer(CausalLanguageModel backbone, RewardOptions options, IReadOnlyList<TokenizedPair> train,
    IReadOnlyList<TokenizedPair> eval, int padId) : OfflineTrainer<TokenizedPair>(train, eval)
{
    /// <summary>The model being trained (backbone + head).</summary>
    public RewardModel Model { get; } = new(backbone);

    /// <inheritdoc />
    public override string Name => "reward";

    /// <inheritdoc />
    protected override TrainingOptions Options => options;

    /// <inheritdoc />
    protected override nn.Module TrainedModule => Model;

    /// <inheritdoc />
    protected override (Tensor Sum, long Tokens) Forward(IReadOnlyList<TokenizedPair> set, int[] indices, bool eval, MetricSums sums)
    {
        var pairs = indices.Select(i => set[i]).ToArray();
        var n = pairs.Length;
        using var batch = SequenceCollator.CollatePairs(pairs, padId, backbone.Device);
        var rewards = Model.Rewards(batch.InputIds, batch.Lengths); // (2B)
        var (chosen, rejected) = (rewards[..n], rewards[n..]);
        // TRL subtracts the margin column inside the sigmoid when the data has one; a pair without it counts 0.
        using var margin = pairs.Any(p => p.Margin is not null)
            ? tensor(pairs.Select(p => (float)(p.Margin ?? 0)).ToArray(), device: backbone.Device)
            : null;
        var loss = BradleyTerryRewardLoss.Compute(chosen, rejected, margin, options.CenterRewardsCoefficient);
        sums.Add("loss", loss.ToDouble() * n, n);
        sums.Add("rewards/chosen", chosen.sum().ToDouble(), n);
        sums.Add("rewards/rejected", rejected.sum().ToDouble(), n);
        sums.Add("rewards/margins", (chosen - rejected).sum().ToDouble(), n);
        sums.Add("rewards/accuracies", chosen.gt(rejected).sum().ToDouble(), n);
        return (loss * n, batch.TokenCount); // the loss is a mean over this batch's pairs
    }

    /// <inheritdoc />
    public override void SaveModel(string dir) => Model.Save(dir, TokenizerFile);

    /// <inheritdoc />
    public override void LoadModel(string dir) => Model.Load(dir);
}
