using Cai.Core.Constitutions;
using Spectre.Console;

namespace Cai.Cli.Commands;

/// <summary><c>cai constitution validate|show|import</c>.</summary>
internal static class ConstitutionCommand
{
    /// <summary>Builds the command group with the sub-commands <paramref name="reach"/> needs.</summary>
    public static Command Create(CliContext context, CommandReach reach) =>
        reach.AddTo(new Command("constitution", "Validate, show and import constitution files."), context, SubCommands);

    static readonly SubCommand[] SubCommands = [new("validate", Validate), new("show", Show), new("import", Import)];

    static Command Validate(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "Constitution YAML files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check constitution files; prints every problem as file:line:column: message.") { files };
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var result = ConstitutionLoader.Load(file);
                foreach (var diagnostic in result.Diagnostics) context.Error.WriteLine(diagnostic.ToString());
                if (result.IsValid)
                    context.Output.WriteLine($"{file}: ok ({result.Constitution!.Principles.Count} principles, hash {result.Constitution.Hash[..12]})");
                else
                    failed++;
            }
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    static Command Show(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A constitution YAML file." };
        var full = new Option<bool>("--full") { Description = "Also print each principle's critique and revision requests." };
        var command = new Command("show", "Print a constitution's principles as a table.") { file, full };
        command.SetAction(parse =>
        {
            var constitution = LoadValid(parse.GetValue(file)!);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
            if (Console.IsOutputRedirected) console.Profile.Width = 140;
            console.MarkupLine($"[bold]{Markup.Escape(constitution.Name)}[/] {Markup.Escape(constitution.Version)} - " +
                               $"{Markup.Escape(constitution.Description)} ({constitution.Principles.Count} principles, " +
                               $"{constitution.Defaults.Rounds} rounds, hash {constitution.Hash[..12]})");
            var table = new Table().AddColumns("id", "weight", "tags", "checks", "comparison question");
            foreach (var p in constitution.Principles)
                table.AddRow(Markup.Escape(p.Id), p.Weight.ToString("0.##"), Markup.Escape(string.Join(", ", p.Tags)),
                    Markup.Escape(string.Join(", ", p.Checks.Select(c => $"{c.Type}:{c.Name}"))), Markup.Escape(p.Comparison));
            console.Write(table);
            if (parse.GetValue(full))
                foreach (var p in constitution.Principles)
                    console.MarkupLine($"\n[bold]{Markup.Escape(p.Id)}[/]\n  critique: {Markup.Escape(p.Critique)}\n  revision: {Markup.Escape(p.Revision)}");
            return ExitCodes.Success;
        });
        return command;
    }

    static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file to import (JSON)." };
        var format = new Option<ImportFormat>("--format") { Description = "The file's layout.", Required = true }.WithChoices();
        var comparisons = new Option<string?>("--comparisons") { Description = "anthropic: RLMadisonInstructions.json for comparison questions." };
        var output = new Option<string>("--out", "-o") { Description = "The YAML file to write.", Required = true };
        var command = new Command("import", "Convert Anthropic or llm-swarm constitution JSON to cai YAML.") { file, format, comparisons, output };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            var constitution = parse.GetValue(format) switch
            {
                ImportFormat.Anthropic => AnthropicImporter.Import(input, parse.GetValue(comparisons)),
                _ => LlmSwarmImporter.Import(input),
            };
            var target = parse.GetValue(output)!;
            ConstitutionWriter.Save(constitution, target);
            context.Output.WriteLine($"wrote {target} ({constitution.Principles.Count} principles, hash {constitution.Hash[..12]})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Loads a constitution or throws a <see cref="CliException"/> listing every problem.</summary>
    public static Constitution LoadValid(string path)
    {
        var result = ConstitutionLoader.Load(path);
        if (!result.IsValid)
            throw new CliException(string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString())));
        return result.Constitution!;
    }

    enum ImportFormat { Anthropic, LlmSwarm }
}
