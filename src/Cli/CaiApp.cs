using System.Runtime.InteropServices;
using System.CommandLine.Invocation;
using Cai.Cli.Commands;
using Cai.Core.Runs;
using Cai.Core.Secrets;

namespace Cai.Cli;

/// <summary>
/// The <c>cai</c> command: builds the part of the command tree the command line reaches (<see cref="CommandReach"/>)
/// and turns every failure into one clear line and a non-zero exit code. Stack traces are shown only with
/// <c>--log-level debug</c> (or verbose).
/// </summary>
internal static class CaiApp
{
    /// <summary>The process entry point: the command line on the console's streams.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>The top-level commands in the order help lists them: the one list of them.</summary>
    static readonly SubCommand[] Commands =
    [
        new("constitution", ConstitutionCommand.Create), new("train", TrainCommand.Create), new("model", ModelCommand.Create),
        new("chat", ModelChatCommand.Create), new("serve", ServeCommand.Create), new("eval", context => EvalCommand.Create(context)),
        new("report", ReportCommand.Create), new("run", RunCommand.Create), new("generate", GenerateCommand.Create),
        new("critique", CritiqueCommand.Create), new("revise", ReviseCommand.Create), new("prefs", PrefsCommand.Create),
        new("merge", MergeCommand.Create),
    ];

    /// <summary>Builds the root command with every subcommand in full.</summary>
    public static RootCommand BuildRootCommand(CliContext context) => BuildRootCommand(context, CommandReach.Full);

    /// <summary>Builds the root command with the subcommands <paramref name="reach"/> needs (<see cref="CommandReach.Of"/> a command line).</summary>
    public static RootCommand BuildRootCommand(CliContext context, CommandReach reach) =>
        reach.AddTo(new RootCommand("cai: Constitutional AI and preference alignment for .NET.")
        {
            GlobalOptions.LogLevel, GlobalOptions.Quiet, GlobalOptions.Threads,
        }, context, Commands);

    /// <summary>Parses and runs the command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // Everything the CLI prints passes the same redaction as the files it writes.
        output = new RedactingTextWriter(output, SecretRedactor.Process);
        error = new RedactingTextWriter(error, SecretRedactor.Process);
        var context = new CliContext(output, error);
        var root = BuildRootCommand(context, CommandReach.Of(args));
        var parse = root.Parse(args);
        context.Configure(parse);
        if (parse.Action is System.CommandLine.Help.HelpAction)
            FlagHelp.Fill(parse.CommandResult.Command);
        if (args.Length > 0 && parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var message in ParseErrors.Describe(parse))
                error.WriteLine($"error: {message}");
            context.Dispose();
            return ExitCodes.Failure;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception ex)
        {
            error.WriteLine($"error: {Describe(ex)}");
            if (context.ShowStackTraces) error.WriteLine(ex);
            return ex is CliException cli ? cli.ExitCode : ExitCodes.Failure;
        }
        finally
        {
            context.Dispose();
        }
    }

    /// <summary>The one line an error is reported as; libtorch's multi-line C++ stack keeps only its first line.</summary>
    internal static string Describe(Exception ex) => ex switch
    {
        CliException or FileNotFoundException or DirectoryNotFoundException or RunDirectoryLockedException or InvalidDataException => ex.Message,
        // A bad spec or path on the command line: the message says what is wrong; the parameter name is the code's.
        ArgumentException { ParamName: { } name } => ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
        OperationCanceledException => "cancelled",
        ExternalException => $"libtorch: {ex.Message.Split('\n', 2)[0].TrimEnd()} (run with --log-level debug for the native stack)",
        _ => $"{ex.Message} ({ex.GetType().Name}; run with --log-level debug for details)",
    };
}
