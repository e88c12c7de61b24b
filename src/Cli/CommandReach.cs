namespace Cai.Cli;

/// <summary>
/// How much of a command a command line can reach, so that a <c>cai</c> start builds only that: flags made from options
/// records are made by reflection, and building every command (the eight trainers above all) was most of a start's
/// time (benchmarks/BENCHMARKS.md, CLI start-up). System.CommandLine enters a sub-command only at a token equal to its
/// name, so a command line that starts with a sub-command's name reaches that one alone (<c>cai train dpo</c> builds <c>train</c> with only
/// <c>dpo</c> in it). Any other command line (help, no command, a typo, options before the command) builds every
/// sub-command as it did, except a group that no token names: help lists only its name and description, so it is built
/// without its sub-commands.
/// </summary>
internal sealed class CommandReach
{
    // The tokens after the command's name; null when every sub-command is built.
    readonly string[]? tokens;
    readonly bool listed;

    CommandReach(string[]? tokens, bool listed) => (this.tokens, this.listed) = (tokens, listed);

    /// <summary>The whole command, every sub-command in full (for code that walks the command tree).</summary>
    public static CommandReach Full { get; } = new(null, listed: false);

    /// <summary>A command the parse cannot enter: only its own line in its parent's help is needed, not its sub-commands.</summary>
    public static CommandReach Listed { get; } = new([], listed: true);

    /// <summary>
    /// What <paramref name="args"/> reach of the root command. A response file (<c>@file</c>) or a directive
    /// (<c>[suggest]</c>) brings tokens this class does not read, so with either every command is built.
    /// </summary>
    public static CommandReach Of(IReadOnlyList<string> args) =>
        args.Any(a => a.StartsWith('@')) || args is [['[', ..], ..] ? Full : new([.. args], listed: false);

    /// <summary>
    /// Adds to <paramref name="command"/> the <paramref name="subCommands"/> this reach needs, in their order, and
    /// returns it.
    /// </summary>
    public T AddTo<T>(T command, CliContext context, IReadOnlyList<SubCommand> subCommands) where T : Command
    {
        if (listed)
            return command;
        if (tokens is null)
        {
            foreach (var sub in subCommands)
                command.Add(sub.Build(context, Full));
        }
        else if (tokens.Length > 0 && subCommands.FirstOrDefault(s => s.Name == tokens[0]) is { } named)
        {
            command.Add(named.Build(context, new(tokens[1..], listed: false)));
        }
        else
        {
            // A sub-command named somewhere further on may still be entered (cai --quiet train dpo): built in full.
            foreach (var sub in subCommands)
                command.Add(sub.Build(context, tokens.Contains(sub.Name) ? Full : Listed));
        }
        return command;
    }
}

/// <summary>
/// A sub-command as its parent lists it: the name the command line selects it by, and how it is built (a group's, as
/// far as a <see cref="CommandReach"/> needs). The parent's list of them is the one list of its sub-commands.
/// </summary>
internal sealed record SubCommand(string Name, Func<CliContext, CommandReach, Command> Create)
{
    /// <summary>A sub-command without sub-commands of its own to leave out: built in full whenever it is built.</summary>
    public SubCommand(string name, Func<CliContext, Command> create) : this(name, (context, _) => create(context)) { }

    /// <summary>
    /// Builds the command. It must be called <see cref="Name"/> and have no aliases: the reach is read from the tokens by
    /// name, so a command entered by another token would be left out.
    /// </summary>
    public Command Build(CliContext context, CommandReach reach)
    {
        var command = Create(context, reach);
        if (command.Name != Name || command.Aliases.Count > 0)
            throw new InvalidOperationException(
                $"sub-command '{Name}' built a command named '{command.Name}'{(command.Aliases.Count > 0 ? $" with aliases {string.Join(", ", command.Aliases)}" : "")}");
        return command;
    }
}
