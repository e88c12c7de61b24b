using System.Text.Json;
using Cai.Core.Json;

namespace Cai.Core.Tests.Records;

/// <summary>Round-trip checks against literal JSON: the exact snake_case text written, and read back to the same text.</summary>
internal static class JsonAssert
{
    public static void RoundTrips<T>(T record, string expectedJson)
    {
        var written = JsonSerializer.Serialize(record, CaiJson.Options);
        Assert.Equal(expectedJson, written);
        var read = JsonSerializer.Deserialize<T>(expectedJson, CaiJson.Options);
        Assert.Equal(expectedJson, JsonSerializer.Serialize(read, CaiJson.Options));
    }

    /// <summary>Joins a multi-line raw literal into one line (lines are broken between JSON tokens).</summary>
    public static string Flat(string multiLine) => multiLine.ReplaceLineEndings("");

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, CaiJson.Options)!;
}
