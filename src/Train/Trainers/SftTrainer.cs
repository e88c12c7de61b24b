namespace Cai.Train.Trainers;

/// <summary>
/// Supervised fine-tuning: next-token NLL on the completion (assistant) tokens, averaged over every target token of
/// the optimizer step, so gradient accumulation gives the same mean as one large batch.
/// </summary>
public sealed class SftTrainer(CausalLanguageModel model, SftOptions options, IReadOnlyList<TokenizedCompletion> train,
    IReadOnlyList<TokenizedCompletion> eval, int padId) : OfflineTrainer<TokenizedCompletion>(train, eval)
{
    /// <inheritdoc />
    public override string Name => "sft";

    /// <inheritdoc />
    protected override TrainingOptions Options => options;

    /// <inheritdoc />
    protected override nn.Module TrainedModule => model;

    /// <inheritdoc />
    public override double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Sum(i => TrainSet[i].Completion.Length));

    /// <inheritdoc />
    protected override (Tensor Sum, long Tokens) Forward(IReadOnlyList<TokenizedCompletion> set, int[] indices, bool eval, MetricSums sums)
    {
        // Ouyang et al. 2022 §3.5: maximum likelihood on demonstrations; the sum is the NLL of the target tokens.
        using var batch = SequenceCollator.Collate(indices.Select(i => (set[i].Prompt, set[i].Completion)).ToArray(), padId, model.Device);
        var logps = PolicyLogProbs.Compute(model, batch);
        var nll = -logps.Summed.sum();
        sums.Add("loss", nll.ToDouble(), logps.TokenCounts.sum().ToDouble());
        return (nll, batch.TokenCount);
    }

    /// <inheritdoc />
    public override void SaveModel(string dir) => ModelFiles.Save(model, dir, TokenizerFile);

    /// <inheritdoc />
    public override void LoadModel(string dir) => ModelFiles.LoadWeights(model, dir);
}
