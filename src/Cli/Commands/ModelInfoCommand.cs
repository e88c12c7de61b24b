using System.Globalization;
using Spectre.Console;

namespace Cai.Cli.Commands;

/// <summary><c>cai model info &lt;model&gt;</c>: architecture, size, vocabulary, context and the full config as a table.</summary>
internal static class ModelInfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var command = new Command("info", "Show a model's architecture, parameter count, vocabulary, context length and config.");
        model.AddTo(command);
        command.SetAction(parse =>
        {
            using var loaded = model.Load(parse);
            var info = loaded.Info;
            var table = new Table().AddColumns("field", "value");
            void Row(string field, object? value) =>
                table.AddRow(Markup.Escape(field), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            Row("id", info.Id);
            Row("architecture", info.Architecture);
            Row("parameters", info.ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
            Row("vocab size", info.VocabSize);
            Row("max length", info.MaxLength);
            Row("device", info.Device);
            Row("chat format", loaded.ChatFormat.Name);
            foreach (var property in info.Config.GetType().GetProperties())
                Row($"config.{property.Name}", property.GetValue(info.Config));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
            console.Profile.Width = 120;
            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
