using Cai.Models.Generation;
using static TorchSharp.torch;

namespace Cai.Models.Tests;

[Collection(TorchCollection.Name)]
public class KvCacheTests
{
    [Fact]
    public void Forward_DecodingSteps_WriteInPlaceWithoutGrowingTheCache()
    {
        var model = Stories260K.Model;
        using var _ = no_grad();
        using var cache = model.CreateCache(32);
        model.Forward(tensor(new long[] { 1, 403, 407 }).unsqueeze(0), arange(3, dtype: ScalarType.Int64).unsqueeze(0), null, cache);
        var storage = cache.KeyStorage(0);
        for (var t = 3; t < 20; t++)
            model.Forward(tensor(new long[] { 300 + t }).unsqueeze(0), tensor(new long[] { t }).unsqueeze(0), null, cache);
        Assert.Equal(20, cache.Length);
        Assert.Same(storage, cache.KeyStorage(0));
        Assert.Equal([1, 4, 32, 8], cache.KeyShape(0));
    }

    [Fact]
    public void EnsureCapacity_BetweenSteps_KeepsWhatTheCacheHeldAndDecodesOnAsIfAllocatedAtOnce()
    {
        // A batch sizes its cache to its rows' budget and grows it when a longer budget joins: the grown cache must
        // decode exactly as a cache that had the larger size from the start.
        var model = Stories260K.Model;
        using var _ = no_grad();
        long[] prompt = [1, 403, 407, 260];
        using var small = model.CreateCache(8);
        using var large = model.CreateCache(40);
        foreach (var cache in new[] { small, large })
            model.Forward(tensor(prompt).unsqueeze(0), arange(prompt.Length, dtype: ScalarType.Int64).unsqueeze(0), null, cache);
        small.EnsureCapacity(40);
        Assert.Equal(40, small.Capacity);
        Assert.Equal([1, 4, 40, 8], small.KeyShape(0));
        for (var t = prompt.Length; t < 30; t++)
        {
            var id = tensor(new long[] { 300 + t }).unsqueeze(0);
            var position = tensor(new long[] { t }).unsqueeze(0);
            var grown = model.Forward(id, position, null, small);
            var allocated = model.Forward(id, position, null, large);
            Assert.True(grown.eq(allocated).all().item<bool>(), $"step {t}");
        }
    }

    [Fact]
    public void Append_RowsJoiningOneAtATime_CopyOnlyTheJoiningRowsAndDecodeAsRowsPrefilledTogether()
    {
        // Joining rows go into the storage's room for rows (doubling when it runs out), leaving rows are compacted
        // into the same storage: the bytes each row decodes with must be those of a cache that got all rows at once.
        var model = Stories260K.Model;
        using var _ = no_grad();
        long[][] prompts = [[1, 403, 407], [1, 270, 280], [1, 300, 310], [1, 320, 330], [1, 340, 350]];
        var positions = arange(3, dtype: ScalarType.Int64).unsqueeze(0);
        using var joined = model.CreateCache(16);
        var shapes = new List<long>();
        foreach (var prompt in prompts)
        {
            using var one = model.CreateCache(16);
            model.Forward(tensor(prompt).unsqueeze(0), positions, null, one);
            joined.Append(one);
            shapes.Add(joined.KeyShape(0)[0]);
        }
        Assert.Equal([1L, 2, 4, 4, 8], shapes);                     // room for rows doubles; rows in use are 1..5
        var storage = joined.KeyStorage(0);
        long[] keep = [4, 1, 3];
        joined.KeepRows(keep);
        Assert.Same(storage, joined.KeyStorage(0));                 // the three kept rows fit the same storage
        var alone = keep.Select(r =>
        {
            var cache = model.CreateCache(16);
            model.Forward(tensor(prompts[r]).unsqueeze(0), positions, null, cache);
            return cache;
        }).ToArray();
        // The same three rows appended in the kept order to a fresh cache: no compaction, a different history of room.
        using var appended = model.CreateCache(16);
        foreach (var cache in alone)
            appended.Append(cache);
        try
        {
            for (var t = 3; t < 8; t++)
            {
                long[] next = [400 + t, 410 + t, 420 + t];
                var at = full(3, 1, t, dtype: ScalarType.Int64);
                var logits = model.Forward(tensor(next).unsqueeze(1), at, null, joined);       // (3, 1, V)
                var expected = model.Forward(tensor(next).unsqueeze(1), at, null, appended);   // (3, 1, V)
                Assert.True(logits.eq(expected).all().item<bool>(), $"step {t}");
                for (var i = 0; i < keep.Length; i++) // and each row is its own prompt's (a batch of 1 may differ in the last bits)
                {
                    var own = model.Forward(tensor(new[] { next[i] }).unsqueeze(1), full(1, 1, t, dtype: ScalarType.Int64), null, alone[i]);
                    Assert.True((logits[i] - own[0]).abs().max().item<float>() < 1e-4, $"step {t}, row {keep[i]}");
                }
            }
        }
        finally
        {
            foreach (var cache in alone)
                cache.Dispose();
        }
        Assert.Equal([8L, 8, 8], joined.RowLengths);
    }

    [Fact]
    public void Forward_RowsOfDifferentLengths_EachMatchesItsOwnFullForward()
    {
        // Two rows in one cache, 3 and 5 tokens long, decoding together: each row's logits equal a full forward of
        // that row alone (the mask hides the other row's longer prefix and the stale slots).
        var model = Stories260K.Model;
        using var _ = no_grad();
        long[] a = [1, 403, 407, 260, 290];
        long[] b = [1, 270, 280, 300, 310, 320, 330];
        using var cache = model.CreateCache(16);
        using (var first = model.CreateCache(16))
        {
            model.Forward(tensor(a[..3]).unsqueeze(0), arange(3, dtype: ScalarType.Int64).unsqueeze(0), null, first);
            cache.Append(first);
        }
        using (var second = model.CreateCache(16))
        {
            model.Forward(tensor(b[..5]).unsqueeze(0), arange(5, dtype: ScalarType.Int64).unsqueeze(0), null, second);
            cache.Append(second);
        }
        for (var step = 0; step < 2; step++)
        {
            var ids = tensor(new[] { a[3 + step], b[5 + step] }).unsqueeze(1);                          // (2, 1)
            var positions = tensor(new long[] { 3 + step, 5 + step }).unsqueeze(1);                        // (2, 1)
            var logits = model.Forward(ids, positions, null, cache)[.., 0];                               // (2, V)
            var fullA = model.Forward(tensor(a[..(4 + step)]).unsqueeze(0))[0, ^1];
            var fullB = model.Forward(tensor(b[..(6 + step)]).unsqueeze(0))[0, ^1];
            var (diffA, diffB) = ((logits[0] - fullA).abs().max().item<float>(), (logits[1] - fullB).abs().max().item<float>());
            Assert.True(diffA < 1e-4 && diffB < 1e-4, $"step {step}: max diffs {diffA}, {diffB}");
        }
        Assert.Equal([5L, 7L], cache.RowLengths);
    }

    [Fact]
    public void GenerateIds_SampledWithAndWithoutCache_SameIds()
    {
        var generator = new TextGenerator(Stories260K.Model, Stories260K.Tokenizer);
        var prompts = new[] { "Lily", "The little dog ran to the park and saw" }
            .Select(p => (IReadOnlyList<int>)Stories260K.Tokenizer.Encode(p, addBos: true)).ToArray();
        var options = new GenerationOptions { MaxNewTokens = 48, Temperature = 0.8, TopK = 40, NumReturnSequences = 2, Seed = 3 };
        var cached = generator.GenerateIds(prompts, options);
        var uncached = generator.GenerateIds(prompts, options with { UseCache = false });
        Assert.Equal(cached.Select(r => r.Ids), uncached.Select(r => r.Ids));
    }
}
