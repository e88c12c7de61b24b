using Cai.Models;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Losses;
using Cai.Train.Models;
using Cai.Train.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Trainers;

/// <summary>
/// Trains a scalar reward model on preference pairs with the Bradley–Terry loss (Ouyang et al. 2022, Eq. 1): the LM
/// plus a value head on the last token (<see cref="RewardModel"/>). Pairwise accuracy on held-out pairs is logged as
/// <c>eval_rewards/accuracies</c>.
/// </summary>
public sealed class RewardTrainer(CausalLanguageModel backbone, RewardOptions options, IReadOnlyList<TokenizedPair> train,
    IReadOnlyList<TokenizedPair> eval, int padId) : ITrainingTask
{
    string? tokenizerFile;

    /// <summary>The model being trained (backbone + head).</summary>
    public RewardModel Model { get; } = new(backbone);

    /// <inheritdoc />
    public string Name => "reward";

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public bool HasEval => eval.Count > 0;

    /// <summary>Trains the reward model; returns the last step reached.</summary>
    public int Train(TrainerRun run)
    {
        options.Validate();
        tokenizerFile = run.TokenizerFile;
        Model.train();
        return new TrainingLoop(Model, options, this, run).Run();
    }

    /// <inheritdoc />
    public double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Length);

    /// <inheritdoc />
    public (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums)
    {
        var (loss, tokens) = Forward(train, indices, sums);
        return (loss * (indices.Length / stepWeight), tokens); // the loss is a mean over this micro-batch's pairs
    }

    /// <inheritdoc />
    public void Evaluate(MetricSums sums)
    {
        Model.eval();
        foreach (var chunk in Enumerable.Range(0, eval.Count).Chunk(options.PerDeviceEvalBatchSize))
        {
            using var scope = NewDisposeScope();
            Forward(eval, chunk, sums);
        }

        Model.train();
    }

    (Tensor Loss, long Tokens) Forward(IReadOnlyList<TokenizedPair> set, int[] indices, MetricSums sums)
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
        return (loss, batch.TokenCount);
    }

    /// <inheritdoc />
    public void SaveModel(string dir) => Model.Save(dir, tokenizerFile);

    /// <inheritdoc />
    public void LoadModel(string dir) => Model.Load(dir);
}
