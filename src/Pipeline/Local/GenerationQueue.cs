using Cai.Models;
using Cai.Models.Generation;

namespace Cai.Pipeline.Local;

/// <summary>
/// Continuous batching over one model: a worker thread runs a <see cref="DecodeBatch"/>; a request joins the running
/// batch at its next step and leaves at the step it finishes (its own stop, MaxNewTokens, context) or is cancelled,
/// without waiting for the others. Every request samples from its own generator seeded with its own seed, so it draws
/// what it would draw alone (see <see cref="DecodeBatch"/>). Greedy requests always share the batch; sampled ones when
/// <paramref name="batchSampled"/> is set, otherwise they run alone. At most <paramref name="maxBatchRows"/> rows decode
/// together (a request asking for more runs alone). Up to <paramref name="workers"/> such batches decode side by side,
/// each on its own thread (libtorch runs a thread's operations on that thread when it has one intra-op thread), all
/// taking requests from one queue in arrival order: a second worker uses a second core where intra-op threads only
/// add synchronisation to a small model's many small operations (two torch threads made the data stage slower).
/// </summary>
internal sealed class GenerationQueue(CausalLanguageModel model, Models.Tokenizers.ITextTokenizer tokenizer,
    IReadOnlyCollection<int> stopTokenIds, int maxBatchRows, bool batchSampled, int workers = 1)
{
    readonly Queue<Pending> pending = new();
    int running;
    long batches;

    /// <summary>Batches started so far: requests that join a running batch do not start one.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Queues a prompt; completes with its NumReturnSequences results, or cancelled, or with the request's error.</summary>
    /// <param name="prompt">Token ids of the prompt.</param>
    /// <param name="options">How to continue it; its Seed seeds its sampler.</param>
    /// <param name="onText">Receives the output as it is decoded (on the worker thread), or null.</param>
    /// <param name="cancellationToken">Cancelling completes the task at once and takes the request out of the batch at the next step.</param>
    public Task<IReadOnlyList<GeneratedSequence>> EnqueueAsync(IReadOnlyList<int> prompt, GenerationOptions options,
        Action<TextDelta>? onText, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest([prompt], options, options.Seed, cancellationToken) { TextGenerated = onText };
        var item = new Pending(request, new TaskCompletionSource<IReadOnlyList<GeneratedSequence>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(() => item.Result.TrySetCanceled(cancellationToken));
        lock (pending)
        {
            pending.Enqueue(item);
            if (running < workers)
            {
                running++;
                _ = Task.Factory.StartNew(Drain, TaskCreationOptions.LongRunning);
            }
        }
        return item.Result.Task;
    }

    void Drain()
    {
        DecodeBatch? batch = null;
        var active = new List<Pending>(); // this worker's requests
        try
        {
            while (true)
            {
                var joining = Admit(active);
                if (joining is null)
                    return;
                if (batch is null && joining.Count > 0)
                {
                    batch = new DecodeBatch(model, tokenizer, model.MaxLength, stopTokenIds);
                    Interlocked.Increment(ref batches);
                }
                if (joining.Count > 0)
                {
                    try
                    {
                        // Requests that join together share the prefill of a prompt they have in common.
                        batch!.Add(joining.Select(item => item.Request).ToList());
                    }
                    catch (Exception e)
                    {
                        // A failed prefill fails the requests joining with it; the batch's cache is unchanged.
                        foreach (var item in joining)
                            item.Result.TrySetException(e);
                        joining.Clear();
                    }
                }
                foreach (var item in joining)
                {
                    if (item.Request.Done)
                        Complete(item);
                    else
                        active.Add(item);
                }
                if (batch is null)
                    continue;
                try
                {
                    foreach (var request in batch.Step())
                    {
                        var done = active.Single(a => a.Request == request);
                        active.Remove(done);
                        Complete(done);
                    }
                }
                catch (Exception e)
                {
                    foreach (var item in active)
                        item.Result.TrySetException(e);
                    active.Clear();
                    batch.Dispose();
                    batch = null;
                    continue;
                }
                if (batch.Requests == 0)
                {
                    batch.Dispose();
                    batch = null;
                }
            }
        }
        finally
        {
            batch?.Dispose();
        }
    }

    /// <summary>
    /// The waiting requests that join a worker's batch (<paramref name="active"/>) now, in arrival order; null when the
    /// worker has nothing left to do (it stops).
    /// </summary>
    List<Pending>? Admit(List<Pending> active)
    {
        lock (pending)
        {
            var joining = new List<Pending>();
            var rows = active.Sum(a => a.Rows);
            while (pending.Count > 0)
            {
                var next = pending.Peek();
                if (next.Result.Task.IsCompleted)
                {
                    pending.Dequeue(); // cancelled while waiting
                    continue;
                }
                var alone = !Shares(next) || next.Rows > maxBatchRows;
                var empty = active.Count == 0 && joining.Count == 0;
                var othersShare = active.Concat(joining).All(Shares);
                if (!empty && (alone || !othersShare || rows + next.Rows > maxBatchRows))
                    break;
                joining.Add(pending.Dequeue());
                rows += next.Rows;
                if (alone)
                    break;
            }
            if (active.Count == 0 && joining.Count == 0)
            {
                running--;
                return null;
            }
            return joining;
        }
    }

    bool Shares(Pending item) => item.Request.Options.Temperature == 0 || batchSampled;

    static void Complete(Pending item)
    {
        var request = item.Request;
        if (request.Error is { } error)
            item.Result.TrySetException(error);
        else if (request.Cancelled)
            item.Result.TrySetCanceled(request.CancellationToken);
        else
            item.Result.TrySetResult(request.Results!);
    }

    sealed record Pending(GenerationRequest Request, TaskCompletionSource<IReadOnlyList<GeneratedSequence>> Result)
    {
        public int Rows => Request.Options.NumReturnSequences;
    }
}
