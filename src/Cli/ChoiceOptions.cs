using System.CommandLine.Parsing;
using Cai.Core.Choices;

namespace Cai.Cli;

/// <summary>
/// Makes an enum option speak <see cref="Choice{T}"/>'s kebab-case spellings, as the YAML config does: it parses
/// them, lists them in help and completions, and rejects anything else with one line
/// (<c>--pairing: 'x' is not one of adjacent, all</c>) instead of a .NET type name.
/// </summary>
internal static class ChoiceOptions
{
    /// <summary>One value of <typeparamref name="T"/>.</summary>
    public static Option<T> WithChoices<T>(this Option<T> option) where T : struct, Enum
    {
        option.CustomParser = result => Parse<T>(result, option.Name, result.Tokens.Count == 0 ? null : result.Tokens[^1].Value);
        return Describe<T, T>(option);
    }

    /// <summary>A repeatable option: each value one of <typeparamref name="T"/>.</summary>
    public static Option<T[]> WithChoices<T>(this Option<T[]> option) where T : struct, Enum
    {
        option.CustomParser = result => [.. result.Tokens.Select(t => Parse<T>(result, option.Name, t.Value))];
        return Describe<T[], T>(option);
    }

    // Help prints a default through ToString ("Adjacent"), so a choice option's default moves from the option into
    // this table and its description, and GetChoice reads it from here when the option is absent.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, object> Defaults = [];

    /// <summary>The option's value, or its default (as declared before <c>WithChoices</c>) when the command line omits it.</summary>
    public static TOption GetChoice<TOption>(this ParseResult parse, Option<TOption> option) =>
        parse.GetResult(option) is null && Defaults.TryGetValue(option, out var value) ? (TOption)value : parse.GetValue(option)!;

    static Option<TOption> Describe<TOption, T>(Option<TOption> option) where T : struct, Enum
    {
        option.HelpName = string.Join("|", Choice<T>.Names);
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. Choice<T>.Names]);
        if (option.DefaultValueFactory is { } factory)
        {
            var value = factory(null!)!;
            Defaults.AddOrUpdate(option, value);
            var text = value switch { T one => Choice<T>.Name(one), T[] many => string.Join(", ", many.Select(Choice<T>.Name)), _ => "" };
            option.Description = $"{option.Description} [default: {text}]";
            option.DefaultValueFactory = null;
        }
        return option;
    }

    static T Parse<T>(ArgumentResult result, string option, string? text) where T : struct, Enum
    {
        if (Choice<T>.TryParse(text, out var value))
            return value;
        result.AddError($"{option}: {Choice<T>.NotOneOf(text)}");
        return default;
    }
}
