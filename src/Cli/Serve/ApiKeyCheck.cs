using System.Security.Cryptography;
using System.Text;

namespace Cai.Cli.Serve;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> against the server's key in constant time: both sides are hashed
/// first, so neither the key's content nor its length shows in how long a refusal takes.
/// </summary>
sealed class ApiKeyCheck(string key)
{
    readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Whether <paramref name="authorization"/> (the header's value, or null) carries the key.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        var given = authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : "";
        // Hashed even when absent, so a missing header costs the same as a wrong one.
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        return CryptographicOperations.FixedTimeEquals(actual, expected) && given.Length > 0;
    }
}
