namespace Cai.Train.Loop;

/// <summary>What a trainer adds to the shared <see cref="TrainingLoop"/>: its loss on a micro-batch, its evaluation and how to save its model.</summary>
public interface ITrainingTask
{
    /// <summary>Name written into trainer_state.json (dpo, sft, reward, kto).</summary>
    string Name { get; }

    /// <summary>Training examples.</summary>
    int TrainCount { get; }

    /// <summary>
    /// The loss of one micro-batch, scaled so that summing over a step's micro-batches gives the mean over the whole
    /// effective batch (e.g. Σ per-pair losses / <paramref name="stepWeight"/>); adds its metrics to <paramref name="sums"/>.
    /// </summary>
    /// <param name="indices">Training example indices.</param>
    /// <param name="stepWeight">Examples (or target tokens) in the whole optimizer step, from <see cref="StepWeight"/>.</param>
    /// <param name="sums">Receives metric sums.</param>
    /// <returns>The scaled loss (with gradient) and how many tokens were processed.</returns>
    (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums);

    /// <summary>The normaliser of a step: its examples, or its target tokens for token-mean losses.</summary>
    double StepWeight(IReadOnlyList<int[]> microBatches);

    /// <summary>Adds held-out metrics (unprefixed) to <paramref name="sums"/>; does nothing without an eval set.</summary>
    void Evaluate(MetricSums sums);

    /// <summary>Whether there is an eval set.</summary>
    bool HasEval { get; }

    /// <summary>Saves the trained weights into <paramref name="dir"/>.</summary>
    void SaveModel(string dir);

    /// <summary>Loads weights saved by <see cref="SaveModel"/>.</summary>
    void LoadModel(string dir);
}
