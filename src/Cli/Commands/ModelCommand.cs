namespace Cai.Cli.Commands;

/// <summary><c>cai model info|generate|score|convert|pull</c>: work with in-process models.</summary>
internal static class ModelCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context) => new("model", "Inspect, run, score, convert and download in-process models.")
    {
        ModelInfoCommand.Create(context), ModelGenerateCommand.Create(context), ModelScoreCommand.Create(context),
        ModelConvertCommand.Create(context), ModelPullCommand.Create(context),
    };
}
