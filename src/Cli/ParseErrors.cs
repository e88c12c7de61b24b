using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Cai.Cli;

/// <summary>
/// Command-line parse errors as one line each, naming the option and what it accepts
/// (<c>--port: 'abc' is not an integer</c>), never a .NET type name; the help page is left to <c>--help</c>.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>The messages of <paramref name="parse"/>'s errors, without repeats.</summary>
    public static IEnumerable<string> Describe(ParseResult parse) => parse.Errors.Select(Describe).Distinct();

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

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '.*' as expected type '.*'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
