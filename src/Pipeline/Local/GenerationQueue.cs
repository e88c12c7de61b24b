using Cai.Models.Generation;

namespace Cai.Pipeline.Local;

/// <summary>
/// Serialises access to one model: requests wait in a queue and a single worker runs them one generation at a time.
/// Greedy requests (temperature 0) with the same options that are waiting together run as one batch, since greedy
/// decoding of a batch gives each row what it gives alone; sampled requests always run alone so that a seed
/// reproduces its text whatever else is queued.
/// </summary>
internal sealed class GenerationQueue(TextGenerator generator, int maxBatchSize)
{
    readonly Queue<Pending> pending = new();
    bool running;

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
                if (batch[0].Options.Temperature == 0)
                {
                    var rest = new List<Pending>();
                    while (pending.Count > 0)
                    {
                        var next = pending.Dequeue();
                        if (batch.Count < maxBatchSize && !next.Result.Task.IsCompleted && SameGreedy(batch[0].Options, next.Options))
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

    void Run(List<Pending> batch)
    {
        try
        {
            var results = generator.GenerateIds(batch.Select(p => p.Prompt).ToArray(), batch[0].Options);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Result.TrySetResult(results.Where(r => r.PromptIndex == i).Select(r => r with { PromptIndex = 0 }).ToArray());
        }
        catch (Exception e)
        {
            foreach (var p in batch)
                p.Result.TrySetException(e);
        }
    }

    static bool SameGreedy(GenerationOptions a, GenerationOptions b) =>
        b.Temperature == 0 && a.MaxNewTokens == b.MaxNewTokens && a.NumReturnSequences == b.NumReturnSequences
        && a.ReturnLogProbs == b.ReturnLogProbs && a.TopLogProbs == b.TopLogProbs && a.UseCache == b.UseCache
        && a.StopStrings.SequenceEqual(b.StopStrings) && a.StopTokenIds.SequenceEqual(b.StopTokenIds);

    sealed record Pending(IReadOnlyList<int> Prompt, GenerationOptions Options, TaskCompletionSource<IReadOnlyList<GeneratedSequence>> Result);
}
