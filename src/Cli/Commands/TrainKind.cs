namespace Cai.Cli.Commands;

/// <summary>The trainers <c>cai train</c> runs.</summary>
internal enum TrainKind
{
    Sft,
    Reward,
    Dpo,
    Kto,
}
