using TorchSharp;

namespace Cai.Models.Tests;

public class TorchSmokeTests
{
    [Fact]
    public void Matmul_OnCpu_Works()
    {
        var a = torch.ones(2, 3);
        var b = torch.ones(3, 4);
        Assert.Equal(3f, a.matmul(b)[0, 0].item<float>());
    }
}
