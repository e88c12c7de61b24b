using System.Text.Json;

namespace Cai.Models.Hf;

/// <summary>Typed reads of a JSON object's fields, failing with the file and field named.</summary>
internal sealed class JsonFields(JsonElement root, string file)
{
    public JsonElement Root { get; } = root;

    public string File { get; } = file;

    /// <summary>Parses a JSON file; syntax errors name the file, line and byte position.</summary>
    public static JsonFields Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found", path);
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new HfFormatException(path, null, "expected a JSON object at the top level");
            return new JsonFields(doc.RootElement.Clone(), path);
        }
        catch (JsonException e)
        {
            throw new HfFormatException(path, null,
                $"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    public bool Has(string field) =>
        Root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonFields Object(string field) =>
        Root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Object
            ? new JsonFields(v, File)
            : throw new HfFormatException(File, field, "missing or not an object");

    public int Int(string field, int? fallback = null)
    {
        if (!Has(field))
            return fallback ?? throw Missing(field);
        var v = Root.GetProperty(field);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new HfFormatException(File, field, $"expected an integer, found {v.GetRawText()}");
    }

    public int PositiveInt(string field, int? fallback = null)
    {
        var i = Int(field, fallback);
        return i > 0 ? i : throw new HfFormatException(File, field, $"must be positive, found {i}");
    }

    public int? OptionalInt(string field) => Has(field) ? Int(field) : null;

    public double Double(string field, double? fallback = null)
    {
        if (!Has(field))
            return fallback ?? throw Missing(field);
        var v = Root.GetProperty(field);
        return v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new HfFormatException(File, field, $"expected a number, found {v.GetRawText()}");
    }

    public double? OptionalDouble(string field) => Has(field) ? Double(field) : null;

    public bool Bool(string field, bool fallback)
    {
        if (!Has(field))
            return fallback;
        var v = Root.GetProperty(field);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : throw new HfFormatException(File, field, $"expected true or false, found {v.GetRawText()}");
    }

    public bool? OptionalBool(string field) => Has(field) ? Bool(field, false) : null;

    public string? String(string field)
    {
        if (!Has(field))
            return null;
        var v = Root.GetProperty(field);
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new HfFormatException(File, field, $"expected a string, found {v.GetRawText()}");
    }

    /// <summary>An integer or a list of integers (eos_token_id may be either); empty when absent.</summary>
    public IReadOnlyList<int> IntOrList(string field)
    {
        if (!Has(field))
            return [];
        var v = Root.GetProperty(field);
        if (v.ValueKind == JsonValueKind.Number)
            return [Int(field)];
        if (v.ValueKind != JsonValueKind.Array)
            throw new HfFormatException(File, field, $"expected an integer or a list of integers, found {v.GetRawText()}");
        var list = new List<int>();
        foreach (var item in v.EnumerateArray())
            list.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var i)
                ? i
                : throw new HfFormatException(File, field, $"expected integers in the list, found {item.GetRawText()}"));
        return list;
    }

    HfFormatException Missing(string field) => new(File, field, "required but missing");
}
