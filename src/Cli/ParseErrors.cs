using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Cai.Core.Yaml;

namespace Cai.Cli;

/// <summary>
/// Command-line parse errors as one line each, naming the option and what it accepts
/// (<c>--port: 'abc' is not an integer</c>), never a .NET type name; the help page is left to <c>--help</c>.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>
    /// The messages of <paramref name="parse"/>'s errors, without repeats. An unknown option or sub-command says
    /// which known one it is nearest to (<c>unknown option '--kl-coeff'; did you mean --kl-coef?</c>), as a config
    /// file's unknown key does, and the value typed after an unknown option is not reported again (a negative number
    /// such as <c>-1</c> is a value, not an option).
    /// </summary>
    public static IEnumerable<string> Describe(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens;
        var command = parse.CommandResult.Command;
        var values = unmatched.Where((token, i) => i > 0 && !IsOption(token) && IsOption(unmatched[i - 1])).ToHashSet();
        // A group (cai, cai train, ...) given a name it does not have: that is the one error; the rest follows from it.
        if (command.Subcommands.Count > 0 && unmatched.FirstOrDefault(t => !t.StartsWith('-') && !values.Contains(t)) is { } name)
        {
            // After "--" every word is an argument, the name of a command too.
            if (parse.Tokens.Any(t => t.Type == TokenType.DoubleDash) && command.Subcommands.Any(c => c.Name == name))
                return [$"'{name}' follows '--', which makes it an argument, not a command; leave out the '--'"];
            return [KeySuggester.Suggest(name, command.Subcommands.Select(c => c.Name)) is { } sub
                ? $"unknown command '{name}'; did you mean {sub}?"
                : $"unknown command '{name}' (see {string.Join(' ', CommandPath(command))} --help)"];
        }
        return parse.Errors
            .Select(e => Unrecognized().Match(e.Message) is { Success: true } m ? Unknown(parse, m.Groups["token"].Value, values) : Describe(e))
            .OfType<string>()
            .Distinct();
    }

    // Null for the value of an unknown option (already reported with it).
    static string? Unknown(ParseResult parse, string token, HashSet<string> values)
    {
        var command = parse.CommandResult.Command;
        if (IsOption(token))
        {
            var options = Ancestry(command).SelectMany((c, depth) => c.Options.Where(o => depth == 0 || o.Recursive))
                .SelectMany(o => o.Aliases.Prepend(o.Name));
            return KeySuggester.Suggest(token, options) is { } near
                ? $"unknown option '{token}'; did you mean {near}?"
                : $"unknown option '{token}' (see {string.Join(' ', CommandPath(command))} --help)";
        }
        return values.Contains(token) ? null : $"unexpected argument '{token}' (see {string.Join(' ', CommandPath(command))} --help)";
    }

    // "--kl-coeff", "-x"; not "-1" or "-1e-3", which are values.
    static bool IsOption(string token) =>
        token.StartsWith('-') && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static IEnumerable<Command> Ancestry(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? [command, .. Ancestry(parent)] : [command];

    // "cai train dpo"; the root is cai whatever the process is called (dotnet cai.dll, a test host).
    static IEnumerable<string> CommandPath(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? [.. CommandPath(parent), command.Name] : ["cai"];

    static string Describe(ParseError error)
    {
        // System.CommandLine's own message for a value it cannot convert names the CLR type
        // ("... as expected type 'System.Nullable`1[System.Int32]'"); choices report themselves through ChoiceOptions.
        var cannot = CannotParse().Match(error.Message);
        if (!cannot.Success)
            return error.Message;
        var (name, type) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType),
            ArgumentResult { Parent: OptionResult o } => (o.Option.Name, o.Option.ValueType),
            ArgumentResult a => ($"<{a.Argument.Name}>", a.Argument.ValueType),
            _ => ("value", typeof(string)),
        };
        return $"{name}: '{cannot.Groups["value"].Value}' is not {Kind(type)}";
    }

    static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
            return "an integer";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return "a number";
        if (type == typeof(bool))
            return "true or false";
        if (type == typeof(TimeSpan))
            return "a time span (hh:mm:ss)";
        return "a valid value";
    }

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '.*' as expected type '.*'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
