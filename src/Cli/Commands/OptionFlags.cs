using System.Globalization;
using System.Reflection;
using Cai.Core.Choices;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Cli.Commands;

/// <summary>
/// The command-line flags of an options record, one for each key its YAML file takes, as TRL's scripts take every
/// field of their config: <c>kl_coef</c> is <c>--kl-coef</c>, typed as the property, its help the property's own
/// summary and the record's default. So a trainer's option is declared once, on its record: the file, the flags,
/// the help, the default and the range all come from there. A flag given on the command line sets its property over
/// the record the file gave (a value outside the property's declared range is refused naming the flag); one not given
/// leaves it.
/// </summary>
internal sealed class OptionFlags<TOptions> where TOptions : class, new()
{
    // TrainingArguments names shortened to what `cai train` has always taken; the long name works too.
    static readonly Dictionary<string, string[]> TrainingShorthands = new()
    {
        ["per_device_train_batch_size"] = ["--batch-size"],
        ["num_train_epochs"] = ["--epochs"],
    };

    static readonly MethodInfo MakeValue = typeof(OptionFlags<TOptions>).GetMethod(nameof(ValueFlag), BindingFlags.NonPublic | BindingFlags.Static)!;
    static readonly MethodInfo MakeChoice = typeof(OptionFlags<TOptions>).GetMethod(nameof(ChoiceFlag), BindingFlags.NonPublic | BindingFlags.Static)!;

    readonly Dictionary<string, Flag> flags;

    /// <summary>The flags of every key of <typeparamref name="TOptions"/>, or of <paramref name="keys"/> only.</summary>
    /// <param name="shorthands">More names for some keys' flags (<c>samples_per_prompt</c>: <c>--samples</c>, <c>-n</c>).</param>
    /// <param name="keys">The keys that get a flag; null for all.</param>
    public OptionFlags(IReadOnlyDictionary<string, string[]>? shorthands = null, IReadOnlyCollection<string>? keys = null)
    {
        var defaults = new TOptions();
        flags = YamlReader.Properties(typeof(TOptions)).Where(p => keys is null || keys.Contains(p.Key)).ToDictionary(
            p => p.Key,
            p => Create(p.Key, p.Value, p.Value.GetValue(defaults), shorthands?.GetValueOrDefault(p.Key) ?? TrainingShorthands.GetValueOrDefault(p.Key) ?? []));
        if (keys?.FirstOrDefault(k => !flags.ContainsKey(k)) is { } unknown)
            throw new ArgumentException($"{typeof(TOptions).Name} has no option '{unknown}'", nameof(keys));
    }

    /// <summary>The flags, in the order of their keys (a <c>--no-</c> flag after its option's).</summary>
    public IEnumerable<Option> All => flags.Values.SelectMany(f => f.Negation is { } no ? [f.Option, no] : new[] { f.Option });

    /// <summary>The flag of a YAML key (<c>"beta"</c> gives <c>--beta</c>).</summary>
    public Option this[string key] => flags[key].Option;

    /// <summary>Whether the command line gives the flag of <paramref name="key"/>.</summary>
    public bool Given(ParseResult parse, string key) => flags[key].Given(parse);

    /// <summary>A copy of <paramref name="options"/> with every flag the command line gives set; the others keep their value.</summary>
    /// <exception cref="CliException">A value is outside the range its property declares; the message names the flag.</exception>
    public TOptions Apply(ParseResult parse, TOptions options)
    {
        var given = flags.Values.Where(f => f.Given(parse)).ToList();
        if (given.Count == 0)
            return options;
        var copy = RecordCopy.Of(options);
        foreach (var flag in given)
        {
            var value = flag.Read(parse);
            if (OptionRanges.Problem(flag.Property, value) is { } problem)
                throw new CliException($"{flag.Option.Name}: {problem}");
            flag.Property.SetValue(copy, value);
        }
        return copy;
    }

    static Flag Create(string key, PropertyInfo property, object? fallback, string[] shorthands)
    {
        var name = "--" + key.Replace('_', '-');
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var (option, read) = ((Option, Func<ParseResult, object?>))(type.IsEnum ? MakeChoice : MakeValue).MakeGenericMethod(type).Invoke(null, [name])!;
        foreach (var shorthand in shorthands)
            option.Aliases.Add(shorthand);
        // The property's doc summary is read only when help is shown (FlagHelp): the documentation files cost a start.
        var defaultText = fallback is null ? "" : $" [default: {Text(fallback)}]";
        option.Description = key + defaultText;
        FlagHelp.Describe(option, () => (DocSummaries.Of(property) ?? key) + defaultText);
        // An option that is on unless turned off also takes --no-<name>, as HfArgumentParser adds --no_<field>.
        var negation = fallback is true ? new Option<bool>("--no-" + name[2..]) { Description = $"Sets {key} to false." } : null;
        return new Flag(option, negation, property, read);
    }

    static (Option, Func<ParseResult, object?>) ValueFlag<T>(string name)
    {
        if (typeof(T) != typeof(string) && typeof(T) != typeof(bool) && typeof(T) != typeof(int) && typeof(T) != typeof(long) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{typeof(TOptions).Name}: no flag reads a {typeof(T).Name} ({name})");
        var option = new Option<T>(name);
        return (option, parse => parse.GetValue(option));
    }

    static (Option, Func<ParseResult, object?>) ChoiceFlag<T>(string name) where T : struct, Enum
    {
        var option = new Option<T>(name).WithChoices();
        return (option, parse => parse.GetValue(option));
    }

    static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("g", CultureInfo.InvariantCulture),
        Enum e => (string)typeof(Choice<>).MakeGenericType(e.GetType()).GetMethod(nameof(Choice<>.Name))!.Invoke(null, [e])!,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A flag (and its <c>--no-</c> twin), the property it sets and how its value is read.</summary>
    sealed record Flag(Option Option, Option? Negation, PropertyInfo Property, Func<ParseResult, object?> ReadValue)
    {
        public bool Given(ParseResult parse) => Typed(parse, Option) || Typed(parse, Negation);

        public object? Read(ParseResult parse) => !Typed(parse, Negation) ? ReadValue(parse)
            : Typed(parse, Option) ? throw new CliException($"{Option.Name} and {Negation!.Name} both given; give one")
            : false;

        // A bool flag has a result (false) even when absent; only one the command line typed counts.
        static bool Typed(ParseResult parse, Option? option) => option is not null && parse.GetResult(option) is { Implicit: false };
    }
}
