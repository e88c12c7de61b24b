using System.Reflection;
using System.Runtime.Serialization;
using System.Text;

namespace Cai.Core.Choices;

/// <summary>
/// The one spelling of an enum's values wherever a user types them (YAML, command line, help): each member's name in
/// kebab-case (<c>HhRlhf</c> is <c>hh-rlhf</c>, <c>All</c> is <c>all</c>), or its <see cref="EnumMemberAttribute.Value"/>
/// where the kebab form would split a brand name (<c>OpenAI</c> is <c>openai</c>). Matching ignores case, so a value
/// typed in another case still parses, but help and errors show only these names.
/// </summary>
/// <typeparam name="T">The enum whose members are the choices.</typeparam>
public static class Choice<T> where T : struct, Enum
{
    static readonly (string Name, T Value)[] Table =
    [
        .. typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? Kebab(f.Name), (T)f.GetValue(null)!)),
    ];

    /// <summary>The accepted spellings in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The accepted spellings as a comma-separated list, for messages.</summary>
    public static string Expected { get; } = string.Join(", ", Names);

    /// <summary>The spelling of <paramref name="value"/>.</summary>
    public static string Name(T value)
    {
        foreach (var (name, v) in Table)
            if (EqualityComparer<T>.Default.Equals(v, value))
                return name;
        return value.ToString();
    }

    /// <summary>Reads <paramref name="text"/> as one of <see cref="Names"/>; false when it is none of them.</summary>
    public static bool TryParse(string? text, out T value)
    {
        var wanted = text?.Trim().Replace('_', '-');
        foreach (var (name, v) in Table)
            if (string.Equals(name.Replace('_', '-'), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        value = default;
        return false;
    }

    /// <summary>The value <paramref name="text"/> names, or null when it names none.</summary>
    public static T? Parse(string? text) => TryParse(text, out var value) ? value : null;

    /// <summary>The one-line error for a value that is not a choice: <c>'x' is not one of a, b</c>.</summary>
    public static string NotOneOf(string? text) => $"'{text}' is not one of {Expected}";

    /// <summary>PascalCase to kebab-case; a run of capitals is one word (<c>HTTPServer</c> is <c>http-server</c>).</summary>
    internal static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
