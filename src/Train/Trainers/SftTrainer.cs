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
/// Supervised fine-tuning: next-token NLL on the completion (assistant) tokens, averaged over every target token of
/// the optimizer step, so gradient accumulation gives the same mean as one large batch.
/// </summary>
public sealed class SftTrainer(CausalLanguageModel model, SftOptions options, IReadOnlyList<TokenizedCompletion> train,
    IReadOnlyList<TokenizedCompletion> eval, int padId) : ITrainingTask
{
    string? tokenizerFile;

    /// <inheritdoc />
    public string Name => "sft";

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public bool HasEval => eval.Count > 0;

    /// <summary>Trains the model; returns the last step reached.</summary>
    public int Train(TrainerRun run)
    {
        options.Validate();
        tokenizerFile = run.TokenizerFile;
        model.train();
        return new TrainingLoop(model, options, this, run).Run();
    }

    /// <inheritdoc />
    public double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Sum(i => train[i].Completion.Length));

    /// <inheritdoc />
    public (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums)
    {
        var (nll, tokens) = Forward(train, indices, sums);
        return (nll / stepWeight, tokens);
    }

    /// <inheritdoc />
    public void Evaluate(MetricSums sums)
    {
        model.eval();
        foreach (var chunk in Enumerable.Range(0, eval.Count).Chunk(options.PerDeviceEvalBatchSize))
        {
            using var scope = NewDisposeScope();
            Forward(eval, chunk, sums);
        }

        model.train();
    }

    // Ouyang et al. 2022 §3.5: maximum likelihood on demonstrations; returns the summed NLL of the target tokens.
    (Tensor Nll, long Tokens) Forward(IReadOnlyList<TokenizedCompletion> set, int[] indices, MetricSums sums)
    {
        using var batch = SequenceCollator.Collate(indices.Select(i => (set[i].Prompt, set[i].Completion)).ToArray(), padId, model.Device);
        var logps = PolicyLogProbs.Compute(model, batch);
        var nll = -logps.Summed.sum();
        sums.Add("loss", nll.ToDouble(), logps.TokenCounts.sum().ToDouble());
        return (nll, batch.TokenCount);
    }

    /// <inheritdoc />
    public void SaveModel(string dir) => ModelFiles.Save(model, dir, tokenizerFile);

    /// <inheritdoc />
    public void LoadModel(string dir) => ModelFiles.LoadWeights(model, dir);
}
