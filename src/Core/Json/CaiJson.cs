using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Cai.Core.Records;

namespace Cai.Core.Json;

/// <summary>
/// The one set of JSON options every cai file uses: snake_case names, enums as snake_case strings, nulls omitted,
/// nullable annotations and required members enforced on read, non-ASCII text written as is.
/// </summary>
public static class CaiJson
{
    /// <summary>Shared, read-only serializer options for records, manifests and JSONL lines.</summary>
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    /// <summary>The same options with indentation, for files people read (the run manifest).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // JSONL files are data, not HTML: keep quotes, apostrophes and non-ASCII text readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = writeIndented,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new ChatRoleConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
