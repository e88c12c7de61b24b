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
    public void NoiseThenDrawWith_DrawsWhatMultinomialDrawsFromTheSameGenerator(double temperature, int topK, double topP)
    {
        // DecodeBatch draws each request's Exp(1) noise from its own generator and picks every row's token with one
        // argmax; that must be libtorch's multinomial to the id, including how far each generator advances.
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
                var actual = Sampler.DrawWith(probs, Sampler.Noise(probs, b)).data<long>().ToArray();
                Assert.Equal(expected, actual);
            }
        }
    }
}
