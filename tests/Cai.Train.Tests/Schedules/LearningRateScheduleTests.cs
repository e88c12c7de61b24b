using Cai.Train.Schedules;
using Cai.Train.Tests.Golden;

namespace Cai.Train.Tests.Schedules;

public sealed class LearningRateScheduleTests
{
    private static readonly Dictionary<string, LrSchedulerType> Types = new()
    {
        ["constant"] = LrSchedulerType.Constant,
        ["constant_with_warmup"] = LrSchedulerType.ConstantWithWarmup,
        ["linear"] = LrSchedulerType.Linear,
        ["cosine"] = LrSchedulerType.Cosine,
    };

    public static TheoryData<int> CaseIndices() => new(Enumerable.Range(0, LossesGolden.Instance.Schedules.Length));

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Multiplier_GoldenSchedule_MatchesTransformersFormula(int index)
    {
        var golden = LossesGolden.Instance.Schedules[index];
        var schedule = new LearningRateSchedule(Types[golden.Type], golden.BaseLearningRate, golden.WarmupSteps,
            golden.TotalSteps, golden.NumCycles);

        for (var i = 0; i < golden.Steps.Length; i++)
        {
            var step = golden.Steps[i];
            var what = $"{golden.Type} warmup {golden.WarmupSteps} total {golden.TotalSteps} step {step}";
            TensorAssert.Close(golden.Multipliers[i], schedule.Multiplier(step), 1e-12, what);
            TensorAssert.Close(golden.BaseLearningRate * golden.Multipliers[i], schedule.LearningRate(step), 1e-12, what);
        }
    }

    [Fact]
    public void GoldenFile_CoversEverySchedulerType()
    {
        var covered = LossesGolden.Instance.Schedules.Select(s => Types[s.Type]).ToHashSet();

        Assert.Equal(Enum.GetValues<LrSchedulerType>().ToHashSet(), covered);
    }

    [Theory]
    [InlineData(LrSchedulerType.Linear)]
    [InlineData(LrSchedulerType.Cosine)]
    public void Multiplier_DecaySchedules_StartAtZeroPeakAfterWarmupAndEndAtZero(LrSchedulerType type)
    {
        var schedule = new LearningRateSchedule(type, 1e-3, WarmupSteps: 10, TotalSteps: 100);

        Assert.Equal(0.0, schedule.Multiplier(0));
        Assert.Equal(0.5, schedule.Multiplier(5), 12);
        Assert.Equal(1.0, schedule.Multiplier(10), 12);
        Assert.Equal(0.0, schedule.Multiplier(100), 12);
    }

    [Fact]
    public void Multiplier_LinearPastTotalSteps_StaysAtZero()
    {
        var schedule = new LearningRateSchedule(LrSchedulerType.Linear, 1e-3, WarmupSteps: 10, TotalSteps: 100);

        Assert.Equal(0.0, schedule.Multiplier(150));
    }

    [Fact]
    public void Multiplier_NegativeStep_Throws()
    {
        var schedule = new LearningRateSchedule(LrSchedulerType.Linear, 1e-3, 0, 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Multiplier(-1));
    }
}
