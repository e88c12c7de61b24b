namespace Cai.Cli.Commands;

/// <summary><c>cai model info|generate|score|convert|pull</c>: work with in-process models.</summary>
internal static class ModelCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("model", "Inspect, run, score, convert and download in-process models.");
        command.Add(ModelInfoCommand.Create(context));
        command.Add(ModelGenerateCommand.Create(context));
        command.Add(ModelScoreCommand.Create(context));
        command.Add(ModelConvertCommand.Create(context));
        command.Add(ModelPullCommand.Create(context));
        return command;
    }
}
