using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train rloo</c>: TRL's RLOOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class RlooFlags : GroupRolloutFlags<RlooOptions>
{
    public override string Name => "rloo";

    protected override IReadOnlyList<OnlineFlag<RlooOptions>> Flags { get; } =
    [
        .. GroupFlags(),
        Flag<bool>("--normalize-advantages", "normalize_advantages: whiten the leave-one-out advantages (off).", (o, v) => o with { NormalizeAdvantages = v }),
    ];

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new RlooTrainer(policy.Module, (RlooOptions)options);
}
