using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cai.Core.Secrets;

/// <summary>
/// The one redaction step applied to everything cai writes (stage files, failure records, the run manifest, the JSON
/// log, the console): it replaces the values of the key variables in use, bearer tokens, <c>api-key</c> header or
/// assignment values, and the password of a <c>scheme://user:password@host</c> URL with <see cref="Mask"/>. A server
/// that echoes the key it rejected, or an exception that quotes a header, cannot carry the key into a file.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Variables whose values are always redacted when set.</summary>
    public static readonly IReadOnlyList<string> KnownVariables =
        ["OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "CAI_SERVE_API_KEY"];

    // Shorter values would mask ordinary words and numbers; real keys are far longer.
    const int MinimumSecretLength = 8;

    readonly Lock gate = new();
    string[] secrets = [];

    /// <summary>Creates a redactor that masks the values <paramref name="environment"/> gives for <see cref="KnownVariables"/>.</summary>
    public SecretRedactor(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in KnownVariables)
            AddSecret(environment(name));
    }

    /// <summary>
    /// The process's redactor: the writers of cai files and the CLI's console and logs use it, and every key resolved
    /// for a model is added to it, so a key read from any variable is masked everywhere.
    /// </summary>
    public static SecretRedactor Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Masks <paramref name="value"/> (and its JSON-escaped form) from now on; blank or short values are ignored.</summary>
    public void AddSecret(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length < MinimumSecretLength)
            return;
        var forms = new[] { value, value.Trim(), JsonEncodedText.Encode(value).ToString() };
        lock (gate)
            // Longest first, so a key that contains another is masked whole.
            secrets = [.. secrets.Concat(forms).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary><paramref name="text"/> with every secret masked.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        foreach (var secret in Volatile.Read(ref secrets))
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = Bearer().Replace(text, "${scheme} " + Mask);
        text = ApiKey().Replace(text, "${name}${separator}" + Mask);
        return UrlCredentials().Replace(text, "${prefix}" + Mask + "@");
    }

    // "Bearer sk-..." in a header, an echoed error or an exception message.
    [GeneratedRegex(@"(?<scheme>\bBearer)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    // "api-key: ...", "x-api-key=...", "OPENAI_API_KEY=...", "\"api_key\": \"...\"".
    [GeneratedRegex(@"(?<name>api[-_]?key)(?<separator>[""']?\s*[:=]\s*[""']?)[A-Za-z0-9\-._~+/]{4,}=*", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKey();

    // The password of a URL's user info: "http://user:pw@host" keeps the user and the host.
    [GeneratedRegex(@"(?<prefix>\b[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@""']+:)[^/\s@""']+@")]
    private static partial Regex UrlCredentials();
}
