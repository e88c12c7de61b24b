using System.Text.Json;
using Cai.Models;
using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train grpo</c>: TRL's GRPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class GrpoFlags : GroupRolloutFlags<GrpoOptions>
{
    public Option<string?> LossType { get; } = new("--loss-type") { Description = "loss_type: grpo, bnpo, dr_grpo or dapo (default)." };
    public Option<string?> ScaleRewards { get; } = new("--scale-rewards") { Description = "scale_rewards: group (default), batch or none." };

    public override string Name => "grpo";

    protected override IEnumerable<Option> Specific => [.. Shared, LossType, ScaleRewards];

    /// <inheritdoc />
    public override GrpoOptions Apply(ParseResult p, GrpoOptions o)
    {
        var group = ApplyGroup(p, o);
        return group with
        {
            LossType = p.GetValue(LossType) is { } l ? Parse<GrpoLossType>(l, "--loss-type", "grpo, bnpo, dr_grpo or dapo") : group.LossType,
            ScaleRewards = p.GetValue(ScaleRewards) is { } s ? Parse<GrpoScaleRewards>(s, "--scale-rewards", "group, batch or none") : group.ScaleRewards,
        };
    }

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new GrpoTrainer(policy.Module, (GrpoOptions)options);

    static T Parse<T>(string text, string flag, string expected) where T : struct, Enum
    {
        var wanted = text.Replace('-', '_').ToLowerInvariant();
        foreach (var value in Enum.GetValues<T>())
        {
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) == wanted)
                return value;
        }

        throw new CliException($"{flag}: unknown value '{text}'; expected {expected}");
    }
}
