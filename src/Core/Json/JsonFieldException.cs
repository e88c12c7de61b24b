using System.Text.Json;

namespace Cai.Core.Json;

/// <summary>A JSON value that parsed but does not fit its record, naming the offending field.</summary>
public sealed class JsonFieldException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field in dotted/indexed form, e.g. <c>messages[1].role</c>.</param>
    /// <param name="reason">What is wrong with it, without the field name.</param>
    public JsonFieldException(string field, string reason)
        : base($"{reason} (field '{field}')")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The offending field, e.g. <c>messages[1].role</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong with the field.</summary>
    public string Reason { get; }
}
