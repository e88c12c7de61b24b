using Cai.Core.Yaml;

namespace Cai.Core.Tests.Yaml;

public sealed class KeySuggesterTests
{
    [Theory]
    [InlineData("trian", "train")] // two neighbours swapped: one edit
    [InlineData("learning_rat", "learning_rate")]
    [InlineData("--kl-coeff", "--kl-coef")]
    [InlineData("Train", "train")]
    [InlineData("xyz", null)]
    [InlineData("serve", null)] // too far from every name to guess
    public void Suggest_TheNearestNameWithinAThirdOfItsLength(string typed, string? expected) =>
        Assert.Equal(expected, KeySuggester.Suggest(typed, ["train", "eval", "learning_rate", "--kl-coef", "--kl-estimator"]));
}
