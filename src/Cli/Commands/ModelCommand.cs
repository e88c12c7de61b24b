namespace Cai.Cli.Commands;

/// <summary><c>cai model info|generate|score|convert|pull</c>: work with in-process models.</summary>
internal static class ModelCommand
{
    /// <summary>Builds the command group with the sub-commands <paramref name="reach"/> needs.</summary>
    public static Command Create(CliContext context, CommandReach reach) =>
        reach.AddTo(new Command("model", "Inspect, run, score, convert and download in-process models."), context, SubCommands);

    static readonly SubCommand[] SubCommands =
    [
        new("info", ModelInfoCommand.Create), new("generate", ModelGenerateCommand.Create), new("score", ModelScoreCommand.Create),
        new("convert", ModelConvertCommand.Create), new("pull", ModelPullCommand.Create),
    ];
}
