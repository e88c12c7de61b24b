using Cai.Pipeline.Judging;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Tests.Config;

/// <summary>Options built in code are refused by the ranges their records declare, one line each.</summary>
public sealed class DeclaredRangeTests
{
    public static TheoryData<Action, string> Invalid => new()
    {
        { () => new StageStepOptions { MaxDegreeOfParallelism = 0 }.Validate(), "StageStepOptions.MaxDegreeOfParallelism must be in [1, 1024] (got 0)." },
        { () => new AiJudgeOptions { TopLogProbs = 1 }.Validate(), "AiJudgeOptions.TopLogProbs must be in [2, 20] (got 1)." },
        { () => new AiJudgeOptions { RatingMax = 10 }.Validate(), "AiJudgeOptions.RatingMax must be in [0, 9] (got 10)." },
        { () => new AiJudgeOptions { RatingMin = 5, RatingMax = 5 }.Validate(), "AiJudgeOptions.RatingMin must be below RatingMax (got 5 >= 5)." },
        { () => new PromptSourceOptions { Path = "p.jsonl", Limit = 0 }.Validate(), "PromptSourceOptions.Limit must be >= 1 (got 0)." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_OutsideTheDeclaredRange_OneLineNamingTheOption(Action validate, string expected)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(validate);

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
