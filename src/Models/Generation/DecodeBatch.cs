using Cai.Models.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Generation;

/// <summary>
/// A running batch of <see cref="GenerationRequest"/>s over one model, decoded one token per row per
/// <see cref="Step"/>. A request joins between steps (<see cref="Add"/> prefills each of its prompts once, alone, into
/// a static <see cref="KvCache"/> row, repeated for its samples) and leaves at the step it finishes (its own stop
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
    readonly List<Group> groups = [];
    readonly KvCache? cache;
    readonly TokenText pieces;

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
        cache = useCache ? model.CreateCache(Capacity) : null;
    }

    /// <summary>Positions per row.</summary>
    public int Capacity { get; }

    /// <summary>Requests in the batch.</summary>
    public int Requests => groups.Count;

    /// <summary>Rows decoding now.</summary>
    public int Rows => groups.Sum(g => g.Rows.Count);

    /// <summary>
    /// Prefills <paramref name="request"/>'s prompts and adds its rows; they sample their first token at the next
    /// <see cref="Step"/>. A prompt that leaves no room in <see cref="Capacity"/> fails the request
    /// (<see cref="GenerationRequest.Error"/>, an <see cref="ArgumentException"/>) without touching the batch.
    /// </summary>
    public void Add(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var longest = request.Prompts.Max(p => p.Count);
        if (longest >= Capacity)
        {
            request.Error = new ArgumentException(
                $"A prompt of {longest} tokens leaves no room in the model's {Capacity}-token context.", "prompts");
            return;
        }
        if (request.CancellationToken.IsCancellationRequested)
        {
            request.Cancelled = true;
            return;
        }
        var n = request.Options.NumReturnSequences;
        var rows = request.Prompts.SelectMany((p, i) => Enumerable.Range(0, n).Select(s =>
            new GenerationRow(i, s, p, Math.Min(request.Options.MaxNewTokens, Capacity - p.Count)))).ToList();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var logits = new List<Tensor>();
        var prefilled = new List<KvCache>();
        try
        {
            foreach (var prompt in request.Prompts)
            {
                var ids = tensor(prompt.Select(t => (long)t).ToArray(), [1, prompt.Count], device: model.Device); // (1, P)
                var positions = arange(prompt.Count, dtype: ScalarType.Int64, device: model.Device).unsqueeze(0); // (1, P)
                if (cache is null)
                {
                    logits.Add(model.Forward(ids, positions)[.., ^1].expand(n, -1));                     // (n, V)
                    continue;
                }
                var own = model.CreateCache(Capacity);
                prefilled.Add(own);
                logits.Add(model.Forward(ids, positions, null, own)[.., ^1].expand(n, -1));               // (n, V)
                own.KeepRows(new long[n]);
            }
            // Only a request whose every prompt was prefilled joins, so a failure leaves the batch as it was.
            foreach (var own in prefilled)
                cache!.Append(own);
        }
        finally
        {
            foreach (var own in prefilled)
                own.Dispose();
        }
        var pending = cat(logits, 0).DetachFromDisposeScope();                                           // (R, V)
        groups.Add(new Group(request, rows, new Generator((ulong)request.Seed, model.Device), pending));
    }

    /// <summary>
    /// One step: every row samples its next token from the logits of the last forward, finished and cancelled
    /// requests leave (their <see cref="GenerationRequest.Results"/> are set), and the remaining rows' new tokens go
    /// through the model. Returns the requests that left in this step.
    /// </summary>
    public IReadOnlyList<GenerationRequest> Step()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var keep = new List<long>();
        var offset = 0L;
        var left = new List<GenerationRequest>();
        foreach (var group in groups)
        {
            var count = group.Rows.Count;
            if (group.Request.CancellationToken.IsCancellationRequested)
                group.Request.Cancelled = true;
            else
                group.Sample(tokenizer, pieces, stopIds);
            for (var r = 0; r < count; r++)
                if (!group.Request.Cancelled && group.Rows[r].Finished is null)
                    keep.Add(offset + r);
            offset += count;
        }
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            group.Drop(tokenizer);
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
        logits.DetachFromDisposeScope();
        var start = 0L;
        foreach (var group in groups)
        {
            group.SetLogits(logits.narrow(0, start, group.Rows.Count));
            start += group.Rows.Count;
        }
        logits.Dispose(); // the groups hold views
    }

    /// <summary>Releases the cache and the requests' generators.</summary>
    public void Dispose()
    {
        cache?.Dispose();
        foreach (var group in groups)
            group.Dispose();
        groups.Clear();
    }

    /// <summary>A request's rows in the batch (contiguous, in order), its generator and its next logits.</summary>
    sealed class Group(GenerationRequest request, List<GenerationRow> rows, Generator generator, Tensor logits) : IDisposable
    {
        readonly List<GenerationRow> all = [.. rows];
        Tensor logits = logits;

        public GenerationRequest Request => request;
        public List<GenerationRow> Rows => rows;

        public void SetLogits(Tensor next)
        {
            logits.Dispose();
            logits = next.DetachFromDisposeScope();
        }

        public void Sample(ITextTokenizer tokenizer, TokenText pieces, IReadOnlySet<int> stopIds)
        {
            var options = request.Options;
            var next = Sampler.Next(logits, options, generator);                                     // (R)
            var chosen = next.data<long>().ToArray();
            float[]? chosenLogProbs = null;
            (long[] Ids, float[] Values, int K)? top = null;
            if (options.ReturnLogProbs || options.TopLogProbs > 0)
            {
                var logProbs = logits.log_softmax(-1);                                               // (R, V)
                chosenLogProbs = logProbs.gather(-1, next.unsqueeze(-1)).squeeze(-1).data<float>().ToArray();
                if (options.TopLogProbs > 0)
                {
                    var k = Math.Min(options.TopLogProbs, (int)logProbs.shape[^1]);
                    var (values, indices) = logProbs.topk(k);                                        // (R, k)
                    top = (indices.data<long>().ToArray(), values.data<float>().ToArray(), k);
                }
            }
            for (var r = 0; r < rows.Count; r++)
            {
                IReadOnlyList<TokenLogProb>? alternatives = null;
                if (top is var (ids, values, k))
                    alternatives = Enumerable.Range(r * k, k)
                        .Select(j => new TokenLogProb((int)ids[j], pieces.Of((int)ids[j]), values[j])).ToArray();
                rows[r].Accept((int)chosen[r], chosenLogProbs?[r] ?? 0f, alternatives, tokenizer, options, stopIds);
                if (request.TextGenerated is { } report && rows[r].TakeDelta(all.IndexOf(rows[r]), tokenizer, options) is { } delta)
                    report(delta);
            }
        }

        /// <summary>Takes finished rows out (their logits go with them).</summary>
        public void Drop(ITextTokenizer tokenizer)
        {
            if (request.Cancelled || rows.All(r => r.Finished is null))
                return;
            var kept = Enumerable.Range(0, rows.Count).Where(r => rows[r].Finished is null).Select(r => (long)r).ToArray();
            rows.RemoveAll(r => r.Finished is not null);
            if (kept.Length > 0)
            {
                using var index = tensor(kept, device: logits.device);
                SetLogits(logits.index_select(0, index));
            }
        }

        public void Finish(ITextTokenizer tokenizer)
        {
            if (!request.Cancelled)
                request.Results = all.Select(r => r.ToResult(tokenizer, request.Options)).ToArray();
            Dispose();
        }

        public void Dispose()
        {
            logits.Dispose();
            generator.Dispose();
        }
    }
}
