using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train rloo</c>: TRL's RLOOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class RlooFlags : GroupRolloutFlags<RlooOptions>
{
    public Option<bool?> NormalizeAdvantages { get; } = new("--normalize-advantages") { Description = "normalize_advantages: whiten the leave-one-out advantages (off)." };

    public override string Name => "rloo";

    protected override IEnumerable<Option> Specific => [.. Shared, NormalizeAdvantages];

    /// <inheritdoc />
    public override RlooOptions Apply(ParseResult p, RlooOptions o)
    {
        var group = ApplyGroup(p, o);
        return group with { NormalizeAdvantages = p.GetValue(NormalizeAdvantages) ?? group.NormalizeAdvantages };
    }

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new RlooTrainer(policy.Module, (RlooOptions)options);
}
