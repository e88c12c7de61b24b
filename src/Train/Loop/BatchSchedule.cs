namespace Cai.Train.Loop;

/// <summary>
/// Which examples each optimizer step trains on, as a pure function of the step: epoch e shuffles the training set with
/// <c>new Random(seed + e)</c>, cuts it into micro-batches of <c>per_device_train_batch_size</c>, and step k of the epoch takes
/// micro-batches [k·accum, (k+1)·accum). Resuming therefore needs only the step number to continue the same data order.
/// </summary>
public sealed class BatchSchedule
{
    readonly int count, batchSize, accumulation, seed;
    int cachedEpoch = -1;
    int[] order = [];

    /// <summary>Creates the schedule for <paramref name="count"/> training examples.</summary>
    public BatchSchedule(int count, int batchSize, int accumulation, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        (this.count, this.batchSize, this.accumulation, this.seed) = (count, batchSize, accumulation, seed);
        MicroBatchesPerEpoch = (count + batchSize - 1) / batchSize;
        StepsPerEpoch = Math.Max(1, (MicroBatchesPerEpoch + accumulation - 1) / accumulation);
    }

    /// <summary>Micro-batches in one pass over the data.</summary>
    public int MicroBatchesPerEpoch { get; }

    /// <summary>Optimizer steps in one pass over the data.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The fractional epoch reached after <paramref name="stepsDone"/> steps (HF's <c>epoch</c> metric).</summary>
    public double Epoch(int stepsDone) => (double)stepsDone / StepsPerEpoch;

    /// <summary>The micro-batches (example indices) of 0-based optimizer step <paramref name="step"/>.</summary>
    public IReadOnlyList<int[]> MicroBatches(int step)
    {
        var epoch = step / StepsPerEpoch;
        if (epoch != cachedEpoch)
        {
            order = Enumerable.Range(0, count).ToArray();
            new Random(unchecked(seed + epoch)).Shuffle(order);
            cachedEpoch = epoch;
        }

        var first = step % StepsPerEpoch * accumulation;
        var last = Math.Min(first + accumulation, MicroBatchesPerEpoch);
        return Enumerable.Range(first, last - first)
            .Select(m => order[(m * batchSize)..Math.Min(count, (m + 1) * batchSize)])
            .ToArray();
    }
}
