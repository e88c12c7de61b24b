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
    public override string Name => "grpo";

    protected override IReadOnlyList<OnlineFlag<GrpoOptions>> Flags { get; } =
    [
        .. GroupFlags(),
        Flag("--loss-type", "loss_type: grpo, bnpo, dr_grpo or dapo (default).",
            (o, l) => o with { LossType = Parse<GrpoLossType>(l, "--loss-type", "grpo, bnpo, dr_grpo or dapo") }),
        Flag("--scale-rewards", "scale_rewards: group (default), batch or none.",
            (o, s) => o with { ScaleRewards = Parse<GrpoScaleRewards>(s, "--scale-rewards", "group, batch or none") }),
    ];

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
