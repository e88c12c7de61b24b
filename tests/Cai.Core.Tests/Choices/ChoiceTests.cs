using System.Runtime.Serialization;
using Cai.Core.Choices;

namespace Cai.Core.Tests.Choices;

public class ChoiceTests
{
    public enum Sample { Jsonl, HhRlhf, AllPairs, HTTPServer, Gpt2Small, [EnumMember(Value = "openai")] OpenAI }

    [Fact]
    public void Names_KebabCaseOfMembers_InDeclarationOrder() =>
        Assert.Equal(["jsonl", "hh-rlhf", "all-pairs", "http-server", "gpt2-small", "openai"], Choice<Sample>.Names);

    [Theory]
    [InlineData("hh-rlhf", Sample.HhRlhf)]
    [InlineData("HH-RLHF", Sample.HhRlhf)]
    [InlineData(" openai ", Sample.OpenAI)]
    [InlineData("gpt2-small", Sample.Gpt2Small)]
    [InlineData("hh_rlhf", Sample.HhRlhf)] // TRL's snake_case spelling
    [InlineData("All_Pairs", Sample.AllPairs)]
    public void TryParse_AcceptedSpelling_ReturnsMember(string text, Sample expected)
    {
        Assert.True(Choice<Sample>.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("HhRlhf")]
    [InlineData("open-ai")]
    [InlineData("hh__rlhf")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_OtherSpelling_IsRejected(string? text) => Assert.Null(Choice<Sample>.Parse(text));

    [Fact]
    public void NameAndNotOneOf_UseTheSpellings()
    {
        Assert.Equal("hh-rlhf", Choice<Sample>.Name(Sample.HhRlhf));
        Assert.Equal("'x' is not one of jsonl, hh-rlhf, all-pairs, http-server, gpt2-small, openai", Choice<Sample>.NotOneOf("x"));
    }
}
