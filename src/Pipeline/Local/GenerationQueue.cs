using Cai.Models.Generation;

namespace Cai.Pipeline.Local;

/// <summary>
/// Serialises access to one model: requests wait in a queue and a single worker runs them one generation at a time.
/// Requests that wait together and differ at most in their seed run as one batch (up to the batch size): greedy ones
/// always, sampled ones when <paramref name="batchSampled"/> is set, each sampling from a generator seeded with its own
/// seed, so it draws what it would draw alone (see <see cref="TextGenerator.GenerateIds"/>). Only requests whose prompt
/// leaves room for all their new tokens join a batch, so no request is cut short, or failed, by a batch-mate.
/// </summary>
internal sealed class GenerationQueue(TextGenerator generator, int maxBatchSize, bool batchSampled, int contextLength)
{
    readonly Queue<Pending> pending = new();
    bool running;
    long batches;

    /// <summary>Generations run so far (a batch counts once).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Queues a prompt; completes with its NumReturnSequences results.</summary>
    public Task<IReadOnlyList<GeneratedSequence>> EnqueueAsync(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var item = new Pending(prompt, options, new TaskCompletionSource<IReadOnlyList<GeneratedSequence>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(() => item.Result.TrySetCanceled(cancellationToken));
        lock (pending)
        {
            pending.Enqueue(item);
            if (!running)
            {
                running = true;
                _ = Task.Run(Drain);
            }
        }
        return item.Result.Task;
    }

    void Drain()
    {
        while (true)
        {
            List<Pending> batch;
            lock (pending)
            {
                while (pending.Count > 0 && pending.Peek().Result.Task.IsCompleted)
                    pending.Dequeue(); // cancelled while waiting
                if (pending.Count == 0)
                {
                    running = false;
                    return;
                }
                batch = [pending.Dequeue()];
                if (CanBatch(batch[0]))
                {
                    var rest = new List<Pending>();
                    while (pending.Count > 0)
                    {
                        var next = pending.Dequeue();
                        if (batch.Count < maxBatchSize && !next.Result.Task.IsCompleted && CanBatch(next) && SameExceptSeed(batch[0].Options, next.Options))
                            batch.Add(next);
                        else
                            rest.Add(next);
                    }
                    foreach (var r in rest)
                        pending.Enqueue(r);
                }
            }
            Run(batch);
        }
    }

    bool CanBatch(Pending item) =>
        (item.Options.Temperature == 0 || batchSampled) && item.Prompt.Count + item.Options.MaxNewTokens <= contextLength;

    void Run(List<Pending> batch)
    {
        Interlocked.Increment(ref batches);
        try
        {
            var results = generator.GenerateIds(batch.Select(p => p.Prompt).ToArray(), batch[0].Options,
                batch.Select(p => p.Options.Seed).ToArray());
            for (var i = 0; i < batch.Count; i++)
                batch[i].Result.TrySetResult(results.Where(r => r.PromptIndex == i).Select(r => r with { PromptIndex = 0 }).ToArray());
        }
        catch (Exception e)
        {
            foreach (var p in batch)
                p.Result.TrySetException(e);
        }
    }

    static bool SameExceptSeed(GenerationOptions a, GenerationOptions b) =>
        a.Temperature == b.Temperature && a.TopP == b.TopP && a.TopK == b.TopK && a.MaxNewTokens == b.MaxNewTokens
        && a.NumReturnSequences == b.NumReturnSequences && a.ReturnLogProbs == b.ReturnLogProbs && a.TopLogProbs == b.TopLogProbs
        && a.UseCache == b.UseCache && a.StopStrings.SequenceEqual(b.StopStrings) && a.StopTokenIds.SequenceEqual(b.StopTokenIds);

    sealed record Pending(IReadOnlyList<int> Prompt, GenerationOptions Options, TaskCompletionSource<IReadOnlyList<GeneratedSequence>> Result);
}
