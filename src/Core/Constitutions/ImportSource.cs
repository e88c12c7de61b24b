using System.Text.Json;

namespace Cai.Core.Constitutions;

/// <summary>A JSON file read by an importer; every error names the file and the field (and the line for syntax errors).</summary>
sealed class ImportSource
{
    readonly string path;

    ImportSource(string path, JsonElement root)
    {
        this.path = path;
        Root = root;
    }

    public JsonElement Root { get; }

    public static ImportSource Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new ConstitutionException($"{path}: file not found");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return new ImportSource(path, doc.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            // JsonException positions are 0-based.
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new ConstitutionException($"{path}:{line}:{column}: invalid JSON: {ex.Message}", ex);
        }
    }

    public ConstitutionException Error(string field, string message) => new($"{path}: {field}: {message}");

    public JsonElement Expect(JsonElement element, JsonValueKind kind, string field) =>
        element.ValueKind == kind ? element : throw Error(field, $"expected {Describe(kind)}, got {Describe(element.ValueKind)}");

    public JsonElement Property(JsonElement obj, string name, string field) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error(field, $"missing property '{name}'");

    public string String(JsonElement element, string field)
    {
        var text = Expect(element, JsonValueKind.String, field).GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw Error(field, "must not be empty") : text;
    }

    static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
