namespace Cai.Train.Trainers;

/// <summary>
/// What the offline trainers (SFT, reward, DPO family, KTO) share around <see cref="TrainingLoop"/>: validate the
/// options, prepare (e.g. the reference), put the model in training mode, run the loop; scale a micro-batch's summed
/// loss by the step's weight; evaluate in chunks of <c>per_device_eval_batch_size</c> under one dispose scope each. A
/// trainer adds only its loss on a batch (<see cref="Forward"/>) and how its model is saved.
/// </summary>
/// <typeparam name="TExample">A tokenized training example.</typeparam>
/// <param name="train">Training examples.</param>
/// <param name="eval">Held-out examples; empty for none.</param>
public abstract class OfflineTrainer<TExample>(IReadOnlyList<TExample> train, IReadOnlyList<TExample> eval) : ITrainingTask
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public int TrainCount => train.Count;

    /// <inheritdoc />
    public bool HasEval => eval.Count > 0;

    /// <summary>The training examples.</summary>
    protected IReadOnlyList<TExample> TrainSet => train;

    /// <summary>The held-out examples.</summary>
    protected IReadOnlyList<TExample> EvalSet => eval;

    /// <summary>The options the loop runs with (the trainer's own record).</summary>
    protected abstract TrainingOptions Options { get; }

    /// <summary>The module whose trainable parameters the optimizer steps.</summary>
    protected abstract nn.Module TrainedModule { get; }

    /// <summary>The tokenizer file of the current run, copied beside every saved model.</summary>
    protected string? TokenizerFile { get; private set; }

    /// <summary>Trains the model; returns the last step reached.</summary>
    public int Train(TrainerRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Options.Validate();
        TokenizerFile = run.TokenizerFile;
        Prepare(run);
        TrainedModule.train();
        return new TrainingLoop(TrainedModule, Options, this, run).Run();
    }

    /// <summary>Runs once before the first step (and before a resume loads checkpoint weights), e.g. to take the reference.</summary>
    protected virtual void Prepare(TrainerRun run)
    {
    }

    /// <inheritdoc />
    public virtual double StepWeight(IReadOnlyList<int[]> microBatches) => microBatches.Sum(m => m.Length);

    /// <inheritdoc />
    public (Tensor Loss, long Tokens) Loss(int[] indices, double stepWeight, MetricSums sums)
    {
        var (sum, tokens) = Forward(train, indices, eval: false, sums);
        return (sum / stepWeight, tokens);
    }

    /// <inheritdoc />
    public void Evaluate(MetricSums sums)
    {
        TrainedModule.eval();
        foreach (var chunk in Enumerable.Range(0, eval.Count).Chunk(Options.PerDeviceEvalBatchSize))
        {
            using var scope = NewDisposeScope();
            Forward(eval, chunk, eval: true, sums);
        }

        TrainedModule.train();
    }

    /// <summary>
    /// The loss of a batch summed over what <see cref="StepWeight"/> counts (examples or target tokens), with gradient;
    /// adds the batch's metrics to <paramref name="sums"/>.
    /// </summary>
    /// <param name="set">The training or the eval set.</param>
    /// <param name="indices">Indices into <paramref name="set"/>.</param>
    /// <param name="eval">Whether <paramref name="set"/> is the eval set.</param>
    /// <param name="sums">Receives metric sums.</param>
    protected abstract (Tensor Sum, long Tokens) Forward(IReadOnlyList<TExample> set, int[] indices, bool eval, MetricSums sums);

    /// <inheritdoc />
    public abstract void SaveModel(string dir);

    /// <inheritdoc />
    public abstract void LoadModel(string dir);
}
