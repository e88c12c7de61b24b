using static TorchSharp.torch;

namespace Cai.Models.Tests;

[Collection(TorchCollection.Name)]
public class TorchThreadsTests
{
    static Func<string, string?> Env(string? value) => name => name == TorchThreads.EnvironmentVariable ? value : null;

    [Fact]
    public void Resolve_Precedence_ExplicitThenEnvironmentThenConfigThenDefault()
    {
        Assert.Equal(3, TorchThreads.Resolve(3, Env("2"), 4));
        Assert.Equal(2, TorchThreads.Resolve(null, Env("2"), 4));
        Assert.Equal(4, TorchThreads.Resolve(null, Env(null), 4));
        Assert.Equal(TorchThreads.Default, TorchThreads.Resolve(null, Env(""), null));
        Assert.Equal(1, TorchThreads.Default);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("-1")]
    public void Resolve_BadEnvironmentValue_ThrowsNamingTheVariable(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => TorchThreads.Resolve(null, Env(value)));
        Assert.Contains("CAI_THREADS", e.Message);
    }

    [Fact]
    public void Apply_SetsThreadsAndDisposingRestoresThePreviousCount()
    {
        var before = get_num_threads();
        using (TorchThreads.Apply(2))
            Assert.Equal(2, get_num_threads());
        Assert.Equal(before, get_num_threads());
    }
}
