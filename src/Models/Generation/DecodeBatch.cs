using Cai.Models.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>
/// A running batch of <see cref="GenerationRequest"/>s over one model, decoded one token per row per
/// <see cref="Step"/>. A request joins between steps (<see cref="Add(IReadOnlyList{GenerationRequest})"/> prefills each
/// distinct prompt of the joining requests once into a static <see cref="KvCache"/> row, repeated for every row that
/// continues it) and leaves at the step it finishes (its own stop
/// tokens, stop strings, MaxNewTokens or the context) or is cancelled; the rows of the others decode on. Each request
/// samples its rows from its own seeded generator, so its text does not depend on what else is in the batch as long
/// as its logits do not. Not thread-safe: one thread adds and steps.
/// </summary>
public sealed class DecodeBatch : IDisposable
{
    readonly CausalLanguageModel model;
    readonly ITextTokenizer tokenizer;
    readonly IReadOnlySet<int> stopIds;
    readonly bool useCache;
    readonly List<DecodeGroup> groups = [];
    readonly KvCache? cache;
    readonly TokenText pieces;
    Tensor? stepLogits; // (R, V): the last forward's logits of the rows of the groups that were in the batch then

    /// <summary>Creates an empty batch whose rows hold up to <paramref name="capacity"/> positions (prompt and output).</summary>
    /// <param name="model">The model to decode with.</param>
    /// <param name="tokenizer">Its tokenizer (stop strings and texts).</param>
    /// <param name="capacity">Positions per row: the model's context, or less when every prompt and output fit in less.</param>
    /// <param name="stopTokenIds">Tokens that end a row besides each request's own (the model's EOS, and BOS for llama2.c).</param>
    /// <param name="useCache">False recomputes every row's whole sequence each step (for testing the cache).</param>
    public DecodeBatch(CausalLanguageModel model, ITextTokenizer tokenizer, int capacity, IReadOnlyCollection<int> stopTokenIds,
        bool useCache = true)
    {
        (this.model, this.tokenizer, this.useCache) = (model, tokenizer, useCache);
        Capacity = Math.Min(capacity, model.MaxLength);
        stopIds = stopTokenIds.ToHashSet();
        pieces = new TokenText(tokenizer);
        // Sized to what the rows need when they join (EnsureCapacity), up to Capacity.
        cache = useCache ? model.CreateCache(Math.Min(Capacity, CacheBlock)) : null;
    }

    /// <summary>Positions per row.</summary>
    public int Capacity { get; }

    // The cache grows in steps of this many positions, so prompts of slightly different lengths share one size.
    const int CacheBlock = 64;

    /// <summary>Requests in the batch.</summary>
    public int Requests => groups.Count;

    /// <summary>Rows decoding now.</summary>
    public int Rows => groups.Sum(g => g.Rows.Count);

    /// <summary>
    /// Prefills <paramref name="request"/>'s prompts and adds its rows; they sample their first token at the next
    /// <see cref="Step"/>. A prompt that leaves no room in <see cref="Capacity"/> fails the request
    /// (<see cref="GenerationRequest.Error"/>, an <see cref="ArgumentException"/>) without touching the batch.
    /// </summary>
    public void Add(GenerationRequest request) => Add([request]);

    /// <summary>
    /// Adds requests that join at the same step, as <see cref="Add(GenerationRequest)"/> does one. Each distinct
    /// prompt among them is prefilled once and its cache row copied to every row that continues it (a prompt's
    /// samples, sent as separate requests with their own seeds, share one prefill); the joining rows enter the
    /// batch's cache in one copy. If a prefill throws, none of them joins and the batch is as it was.
    /// </summary>
    public void Add(IReadOnlyList<GenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var joining = new List<GenerationRequest>();
        foreach (var request in requests)
        {
            var longest = request.Prompts.Max(p => p.Count);
            if (longest >= Capacity)
                request.Error = new ArgumentException(
                    $"A prompt of {longest} tokens leaves no room in the model's {Capacity}-token context.", "prompts");
            else if (request.CancellationToken.IsCancellationRequested)
                request.Cancelled = true;
            else
                joining.Add(request);
        }
        if (joining.Count == 0)
            return;
        var distinct = new List<IReadOnlyList<int>>();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var source = new List<long>();                                  // the distinct prompt of each joining row
        var rows = new List<List<GenerationRow>>();
        foreach (var request in joining)
        {
            var n = request.Options.NumReturnSequences;
            var own = new List<GenerationRow>();
            for (var i = 0; i < request.Prompts.Count; i++)
            {
                var prompt = request.Prompts[i];
                var key = string.Join(',', prompt);
                if (!indexOf.TryGetValue(key, out var d))
                {
                    indexOf[key] = d = distinct.Count;
                    distinct.Add(prompt);
                }
                for (var s = 0; s < n; s++)
                {
                    own.Add(new GenerationRow(i, s, prompt, Math.Min(request.Options.MaxNewTokens, Capacity - prompt.Count)));
                    source.Add(d);
                }
            }
            rows.Add(own);
        }
        var budget = rows.SelectMany(r => r).Max(r => r.Prompt.Count + r.MaxNewTokens);
        cache?.EnsureCapacity(Math.Min(Capacity, (budget + CacheBlock - 1) / CacheBlock * CacheBlock));
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var logits = new List<Tensor>();
        KvCache? prefilled = null;
        try
        {
            foreach (var prompt in distinct)
            {
                var ids = tensor(prompt.Select(t => (long)t).ToArray(), [1, prompt.Count], device: model.Device); // (1, P)
                var positions = arange(prompt.Count, dtype: ScalarType.Int64, device: model.Device).unsqueeze(0); // (1, P)
                if (cache is null)
                {
                    logits.Add(model.Forward(ids, positions)[.., ^1]);                                   // (1, V)
                    continue;
                }
                var own = model.CreateCache(cache.Capacity);
                try
                {
                    logits.Add(model.Forward(ids, positions, null, own)[.., ^1]);                         // (1, V)
                    if (prefilled is null)
                        (prefilled, own) = (own, null);                                                // disposed below
                    else
                        prefilled.Append(own);
                }
                finally
                {
                    own?.Dispose();
                }
            }
            // Only when every prompt was prefilled do the rows join, so a failure leaves the batch as it was.
            if (prefilled is not null)
            {
                prefilled.KeepRows(source);
                cache!.Append(prefilled);
            }
        }
        finally
        {
            prefilled?.Dispose();
        }
        using var index = tensor(source.ToArray(), device: model.Device);
        var all = cat(logits, 0).index_select(0, index);                                                // (R, V)
        var offset = 0L;
        for (var j = 0; j < joining.Count; j++)
        {
            var request = joining[j];
            var pending = all.narrow(0, offset, rows[j].Count).DetachFromDisposeScope();
            offset += rows[j].Count;
            groups.Add(new DecodeGroup(request, rows[j], new Generator((ulong)request.Seed, model.Device), pending));
        }
    }

    /// <summary>
    /// One step: every row samples its next token from the logits of the last forward, finished and cancelled
    /// requests leave (their <see cref="GenerationRequest.Results"/> are set), and the remaining rows' new tokens go
    /// through the model. Returns the requests that left in this step.
    /// </summary>
    public IReadOnlyList<GenerationRequest> Step()
    {
        if (groups.Count == 0)
            return [];
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var group in groups)
            if (group.Request.CancellationToken.IsCancellationRequested)
                group.Request.Cancelled = true;
        var chosen = SampleAll();
        var keep = new List<long>();
        var offset = 0;
        var left = new List<GenerationRequest>();
        foreach (var group in groups)
        {
            var count = group.Rows.Count;
            if (!group.Request.Cancelled)
                group.Accept(chosen.Ids, chosen.LogProbs, offset, tokenizer, pieces, stopIds);
            for (var r = 0; r < count; r++)
                if (!group.Request.Cancelled && group.Rows[r].Finished is null)
                    keep.Add(offset + r);
            offset += count;
        }
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            group.Rows.RemoveAll(r => r.Finished is not null);
            if (group.Request.Cancelled || group.Rows.Count == 0)
            {
                group.Finish(tokenizer);
                left.Insert(0, group.Request);
                groups.RemoveAt(i);
            }
        }
        if (keep.Count < offset)
            cache?.KeepRows(keep);
        if (keep.Count > 0)
            Forward();
        return left;
    }

    /// <summary>
    /// Every row's next token, read back in one go: the logits of the whole batch (the last forward's, then the
    /// prefills of requests that joined since) become one distribution per row with a single softmax when the
    /// requests sample alike, and each request draws its rows from its own generator, as it would alone.
    /// Log-probabilities only for the requests that ask.
    /// </summary>
    (long[] Ids, Dictionary<GenerationRequest, (float[] Chosen, (long[] Ids, float[] Values, int K)? Top)> LogProbs) SampleAll()
    {
        var parts = new List<Tensor>();
        if (stepLogits is not null)
            parts.Add(stepLogits);
        parts.AddRange(groups.Where(g => g.Prefilled is not null).Select(g => g.Prefilled!));
        var logits = parts.Count == 1 ? parts[0] : cat(parts, 0);                                    // (R, V)
        var sampling = groups.Where(g => !g.Request.Cancelled).Select(g => g.Request.Options).ToList();
        var alike = sampling.Count > 0 && sampling.All(o => Sampler.SameDistribution(o, sampling[0]));
        // Requests that sample alike share one softmax (or, greedy, one argmax) over the whole batch.
        var greedy = alike && sampling[0].Temperature == 0 ? logits.argmax(-1) : null;                // (R)
        var shared = alike && greedy is null ? Sampler.Probabilities(logits, sampling[0]) : null;      // (R, V)
        var next = new List<Tensor>();
        var coins = new List<Tensor>();
        var wantLogProbs = new List<(GenerationRequest Request, long Start, long Count)>();
        var logProbs = new Dictionary<GenerationRequest, (float[], (long[], float[], int)?)>();
        var offset = 0L;
        foreach (var group in groups)
        {
            var (start, count) = (offset, (long)group.Rows.Count);
            offset += count;
            if (group.Request.Cancelled)
            {
                if (shared is not null)
                    coins.Add(zeros(count, 1, device: logits.device));
                else if (greedy is null)
                    next.Add(zeros(count, dtype: ScalarType.Int64, device: logits.device));
                continue;
            }
            var options = group.Request.Options;
            var own = logits.narrow(0, start, count);                                                  // (r, V)
            if (shared is not null)
            {
                coins.Add(group.Coins(count, shared.device));                                             // (r, 1)
                if (options.ReturnLogProbs || options.TopLogProbs > 0)
                    wantLogProbs.Add((group.Request, start, count));
                continue;
            }
            var ids = greedy?.narrow(0, start, count) ?? Sampler.Next(own, options, group.Generator);  // (r)
            if (greedy is null)
                next.Add(ids);
            if (options.ReturnLogProbs || options.TopLogProbs > 0)
                logProbs[group.Request] = LogProbs(own, ids, options);
        }
        // Shared sampling: each request drew its coins from its own generator; one cumulative sum and one search
        // pick every row's token (cancelled rows draw nothing and are ignored).
        var all = greedy
            ?? (shared is not null ? Sampler.DrawWith(shared, coins.Count == 1 ? coins[0] : cat(coins, 0))
                : next.Count == 1 ? next[0] : cat(next, 0));                                             // (R)
        foreach (var (request, start, count) in wantLogProbs)
            logProbs[request] = LogProbs(logits.narrow(0, start, count), all.narrow(0, start, count), request.Options);
        var chosen = all.data<long>().ToArray();
        // The next forward computes the logits of the rows that go on.
        stepLogits?.Dispose();
        stepLogits = null;
        foreach (var group in groups)
            group.ClearPrefilled();
        return (chosen, logProbs);
    }

    static (float[] Chosen, (long[] Ids, float[] Values, int K)? Top) LogProbs(Tensor logits, Tensor next, GenerationOptions options)
    {
        var logProbs = logits.log_softmax(-1);                                                         // (r, V)
        var chosen = logProbs.gather(-1, next.unsqueeze(-1)).squeeze(-1).data<float>().ToArray();
        if (options.TopLogProbs <= 0)
            return (chosen, null);
        var k = Math.Min(options.TopLogProbs, (int)logProbs.shape[^1]);
        var (values, indices) = logProbs.topk(k);                                                      // (r, k)
        return (chosen, (indices.data<long>().ToArray(), values.data<float>().ToArray(), k));
    }

    void Forward()
    {
        var rows = groups.SelectMany(g => g.Rows).ToArray();
        Tensor logits;
        if (cache is not null)
        {
            var ids = tensor(rows.Select(r => (long)r.LastToken).ToArray(), [rows.Length, 1], device: model.Device); // (B, 1)
            var positions = tensor(cache.RowLengths.ToArray(), [rows.Length, 1], device: model.Device);             // (B, 1)
            logits = model.Forward(ids, positions, null, cache)[.., ^1];                                             // (B, V)
        }
        else
        {
            // Right-padded whole sequences: causal attention never lets a real token see the padding after it.
            var length = rows.Max(r => r.Prompt.Count + r.Ids.Count);
            var all = new long[rows.Length * length];
            var last = new long[rows.Length];
            for (var b = 0; b < rows.Length; b++)
            {
                var tokens = rows[b].Prompt.Concat(rows[b].Ids).ToArray();
                for (var i = 0; i < tokens.Length; i++)
                    all[b * length + i] = tokens[i];
                last[b] = tokens.Length - 1;
            }
            var full = model.Forward(tensor(all, [rows.Length, length], device: model.Device));             // (B, T, V)
            var index = tensor(last, device: model.Device).view(-1, 1, 1).expand(-1, 1, full.shape[^1]);
            logits = full.gather(1, index).squeeze(1);                                                     // (B, V)
        }
        stepLogits = logits.contiguous().DetachFromDisposeScope();
    }

    /// <summary>Releases the cache and the requests' generators.</summary>
    public void Dispose()
    {
        cache?.Dispose();
        stepLogits?.Dispose();
        stepLogits = null;
        foreach (var group in groups)
            group.Dispose();
        groups.Clear();
    }
}
