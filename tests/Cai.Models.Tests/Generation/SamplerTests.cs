using Cai.Models.Generation;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Generation;

[Collection(TorchCollection.Name)]
public class SamplerTests
{
    static object? Garbage;

    [Fact]
    public void Next_ThousandsOfCallsUnderForcedCollections_NeverFails()
    {
        // Issue 12: a Scalar made implicitly from a C# number could be finalized while libtorch read it
        // ("toFloat/toDouble ... at::native::div(Tensor, Scalar)"). A thread forces collections and finalizers the
        // whole time; every sampling path must keep its scalars alive.
        using var _ = no_grad();
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        using var generator = new Generator(1);
        GenerationOptions[] variants =
        [
            new() { Temperature = 0.7 },
            new() { Temperature = 1.3, TopK = 50 },
            new() { Temperature = 0.9, TopP = 0.9 },
            new() { Temperature = 0.8, TopK = 40, TopP = 0.95 },
        ];
        var failures = 0;
        try
        {
            for (var i = 0; i < 8000; i++)
            {
                using var scope = NewDisposeScope();
                var logits = randn(4, 512, generator: generator);
                var next = Sampler.Next(logits, variants[i % variants.Length], generator);
                if (next.shape[0] != 4 || next.min().item<long>() < 0 || next.max().item<long>() >= 512)
                    failures++;
                Garbage = new object[64]; // so collections have work
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Next_TopK_OnlyEverDrawsTheKMostLikely()
    {
        using var _ = no_grad();
        using var generator = new Generator(2);
        var logits = arange(100, dtype: ScalarType.Float32).unsqueeze(0).expand(64, -1).contiguous(); // (64, 100)
        var drawn = Sampler.Next(logits, new GenerationOptions { Temperature = 5, TopK = 3 }, generator).data<long>().ToArray();
        Assert.All(drawn, id => Assert.InRange(id, 97, 99));
        Assert.True(drawn.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(1.0, 0, 1.0)]
    [InlineData(0.7, 50, 1.0)]
    [InlineData(1.2, 0, 0.9)]
    public void CoinsThenDrawWith_DrawsWhatDrawDrawsFromTheSameGenerator(double temperature, int topK, double topP)
    {
        // DecodeBatch draws each request's coins from its own generator and picks every row's token with one cumulative
        // sum and one search; that must be what the request draws alone, including how far each generator advances.
        using var _ = no_grad();
        using var data = new Generator(3);
        var options = new GenerationOptions { Temperature = temperature, TopK = topK, TopP = topP };
        for (var trial = 0; trial < 20; trial++)
        {
            using var scope = NewDisposeScope();
            var probs = Sampler.Probabilities(randn(3, 512, generator: data).mul(3), options); // (3, 512)
            using var a = new Generator((ulong)(100 + trial));
            using var b = new Generator((ulong)(100 + trial));
            for (var step = 0; step < 3; step++) // the generators stay in step across draws
            {
                var expected = Sampler.Draw(probs, a).data<long>().ToArray();
                var actual = Sampler.DrawWith(probs, Sampler.Coins(3, b, CPU)).data<long>().ToArray();
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void DrawWith_TakesTheFirstIdWhoseCumulativeProbabilityReachesTheCoinsPoint()
    {
        // An independent reference: the cumulative sum in double, scanned from the left as run.c's sample_mult does.
        using var _ = no_grad();
        using var data = new Generator(4);
        var probs = Sampler.Probabilities(randn(16, 300, generator: data).mul(2), new GenerationOptions { Temperature = 1, TopK = 40 });
        var p = probs.data<float>().ToArray();
        var mismatches = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            using var scope = NewDisposeScope();
            var coins = rand(16, 1, generator: data);
            var ids = Sampler.DrawWith(probs, coins).data<long>().ToArray();
            var c = coins.data<float>().ToArray();
            for (var row = 0; row < 16; row++)
            {
                var total = 0.0;
                for (var i = 0; i < 300; i++)
                    total += p[row * 300 + i];
                var point = (1 - c[row]) * total;
                var (sum, expected) = (0.0, 299);
                for (var i = 0; i < 300; i++)
                {
                    sum += p[row * 300 + i];
                    if (sum >= point)
                    {
                        expected = i;
                        break;
                    }
                }
                Assert.True(p[row * 300 + ids[row]] > 0, $"drew id {ids[row]} of probability 0");
                if (ids[row] != expected)
                    mismatches++;
            }
        }
        // float32 and double sums may put a point that lands within rounding of a boundary on either side of it
        Assert.True(mismatches <= 2, $"{mismatches} of 3200 draws differ from the double-precision scan");
    }

    [Fact]
    public void DrawWith_AtTheExtremeCoins_DrawsTheFirstAndLastTokensOfNonZeroProbability()
    {
        using var _ = no_grad();
        var probs = tensor(new float[] { 0, 0, 0.25f, 0, 0.5f, 0.25f, 0, 0 }).unsqueeze(0).expand(3, -1).contiguous(); // (3, 8)
        var coins = tensor(new float[] { 0, 0.5f, BitConverter.Int32BitsToSingle(0x3F7FFFFF) }).unsqueeze(1);   // 0, 1/2, largest below 1
        Assert.Equal(new long[] { 5, 4, 2 }, Sampler.DrawWith(probs, coins).data<long>().ToArray());
    }

    [Fact]
    public void Draw_FrequenciesMatchTheProbabilities()
    {
        using var _ = no_grad();
        using var generator = new Generator(5);
        float[] p = [0.5f, 0.3f, 0.15f, 0.05f, 0f];
        var probs = tensor(p).unsqueeze(0).expand(4000, -1).contiguous();                    // (4000, 5)
        var counts = new double[p.Length];
        for (var round = 0; round < 25; round++)
            foreach (var id in Sampler.Draw(probs, generator).data<long>().ToArray())
                counts[id]++;
        const double n = 100_000;
        Assert.Equal(0, counts[^1]);
        for (var i = 0; i < 4; i++) // within 5 standard deviations of the binomial count
            Assert.InRange(counts[i], n * p[i] - 5 * Math.Sqrt(n * p[i] * (1 - p[i])), n * p[i] + 5 * Math.Sqrt(n * p[i] * (1 - p[i])));
    }
}
