namespace Cai.Train.Options;

/// <summary>Options of the RLOO trainer, named after TRL's <c>RLOOConfig</c> (k = <c>num_generations</c> 2, <c>beta</c> 0.05).</summary>
public sealed record RlooOptions : GroupRolloutOptions
{
    /// <summary>Creates RLOO options with TRL's defaults.</summary>
    public RlooOptions()
    {
        NumGenerations = 2;
        Beta = 0.05;
    }

    /// <summary>Whiten the leave-one-out advantages over the generation batch (<c>normalize_advantages</c>).</summary>
    /// <value>The default value is false.</value>
    public bool NormalizeAdvantages { get; init; }
}
