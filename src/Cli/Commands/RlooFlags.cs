using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train rloo</c>: TRL's RLOOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class RlooFlags : GroupRolloutFlags
{
    public override Type OptionsType => typeof(RlooOptions);

    public Option<bool?> NormalizeAdvantages { get; } = new("--normalize-advantages") { Description = "normalize_advantages: whiten the leave-one-out advantages (off)." };

    public override string Name => "rloo";

    protected override IEnumerable<Option> Specific => [.. Shared, NormalizeAdvantages];

    public override TrainingOptions Options(ParseResult parse)
    {
        var o = ApplyGroup(parse, TrainConfigFile.Load<RlooOptions>(parse.GetValue(Config)));
        return o with { NormalizeAdvantages = parse.GetValue(NormalizeAdvantages) ?? o.NormalizeAdvantages };
    }

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new RlooTrainer(policy.Module, (RlooOptions)options);
}
