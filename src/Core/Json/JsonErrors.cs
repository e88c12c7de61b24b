using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cai.Core.Json;

/// <summary>Turns System.Text.Json exceptions into a field name and a short reason for diagnostics.</summary>
internal static partial class JsonErrors
{
    /// <summary>
    /// The field (<c>messages[0].role</c>, or <c>$</c> for the whole line) and the reason, with the serializer's
    /// "Path: ... | LineNumber: ..." tail removed since the diagnostic carries its own location.
    /// </summary>
    public static (string Field, string Reason) Describe(JsonException ex)
    {
        if (ex is JsonFieldException field)
            return (field.Field, field.Reason);

        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var message = TrimLocation(ex.Message);
        if (MissingRequired().Match(message) is { Success: true } missing)
            return (Join(path, missing.Groups["name"].Value), "is required");
        if (NullNotAllowed().Match(message) is { Success: true } nulled)
            return (Join(path == "$" ? "$" : Parent(path), nulled.Groups["name"].Value), "must not be null");
        if (ex.InnerException is InvalidOperationException inner && path != "$")
            return (Field(path), WrongToken().Match(inner.Message) is { Success: true } token
                ? $"expected a {token.Groups["want"].Value.ToLowerInvariant()}, got {token.Groups["got"].Value.ToLowerInvariant()}"
                : TrimLocation(inner.Message));
        if (ex.BytePositionInLine is { } column && path == "$")
            return ("$", $"invalid JSON at column {column + 1}: {message}");
        return (Field(path), message);
    }

    /// <summary><c>$.messages[0].role</c> to <c>messages[0].role</c>; <c>$</c> stays.</summary>
    public static string Field(string path) => path == "$" ? "$" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');

    static string Join(string path, string name) => path == "$" ? name : $"{Field(path)}.{name}";

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 1 ? "$" : path[..cut];
    }

    static string TrimLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"missing required properties including: '(?<name>[^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"token type '(?<got>\w+)' as a (?<want>\w+)")]
    private static partial Regex WrongToken();

    [GeneratedRegex(@"(?:property or field|constructor parameter) '(?<name>[^']+)'.*null", RegexOptions.IgnoreCase)]
    private static partial Regex NullNotAllowed();
}
