using System.Text.Json.Serialization;

namespace Cai.Preference;

/// <summary>One chat turn in a Parquet row: the struct <c>{role, content}</c> of TRL's conversational columns.</summary>
public sealed class ParquetMessage
{
    /// <summary><c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    /// <summary>The text of the turn.</summary>
    [JsonPropertyName("content")]
    public string Content { get; set; } = "";
}
