using System.Text.RegularExpressions;

namespace Cai.Core.Constitutions;

/// <summary>
/// A regular expression the text must not match. <see cref="Flags"/> holds .NET inline option letters:
/// i (ignore case), m (multiline), s (single line), x (ignore pattern whitespace), n (explicit capture).
/// </summary>
public sealed record RegexCheck : PrincipleCheck
{
    /// <summary>The time a match may take before it is abandoned; protects against catastrophic backtracking.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The option letters <see cref="Flags"/> may contain.</summary>
    public const string AllowedFlags = "imsxn";

    /// <summary>The .NET regular expression.</summary>
    public required string Pattern { get; init; }

    /// <summary>Option letters from <see cref="AllowedFlags"/>.</summary>
    /// <value>The default value is "" (no options).</value>
    public string Flags { get; init; } = "";

    /// <inheritdoc/>
    public override string Type => "regex";

    /// <summary>Compiles <paramref name="pattern"/> with <paramref name="flags"/>; throws what <see cref="Regex"/> throws.</summary>
    public static Regex Compile(string pattern, string flags) => new(pattern, Options(flags), MatchTimeout);

    static RegexOptions Options(string flags)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var f in flags)
            options |= f switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'n' => RegexOptions.ExplicitCapture,
                _ => throw new ArgumentException($"Unknown regex flag '{f}'; allowed: {AllowedFlags}.", nameof(flags)),
            };
        return options;
    }

    /// <inheritdoc/>
    /// <exception cref="RegexMatchTimeoutException">Matching took longer than <see cref="MatchTimeout"/>.</exception>
    public override CheckResult Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matched = Regex.Matches(text, Pattern, Options(Flags), MatchTimeout).Select(m => m.Value).Distinct().ToList();
        return matched.Count == 0
            ? new CheckResult(Name, false, $"regex '{Name}' matched nothing")
            : new CheckResult(Name, true, $"regex '{Name}' matched: {string.Join(", ", matched.Select(m => $"\"{m}\""))}");
    }
}
