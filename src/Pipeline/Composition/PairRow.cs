using System.Text.Json.Serialization;
using Cai.Core.Records;

namespace Cai.Pipeline.Composition;

/// <summary>One exported pair in TRL's conversational columns, for the Parquet file.</summary>
public sealed class PairRow
{
    /// <summary>The prompt conversation.</summary>
    [JsonPropertyName("prompt")]
    public List<MessageRow> Prompt { get; set; } = [];

    /// <summary>The preferred continuation.</summary>
    [JsonPropertyName("chosen")]
    public List<MessageRow> Chosen { get; set; } = [];

    /// <summary>The dispreferred continuation.</summary>
    [JsonPropertyName("rejected")]
    public List<MessageRow> Rejected { get; set; } = [];

    /// <summary>The row of <paramref name="pair"/>.</summary>
    public static PairRow From(PreferencePair pair) => new()
    {
        Prompt = [.. pair.Prompt.Select(MessageRow.From)],
        Chosen = [.. pair.Chosen.Select(MessageRow.From)],
        Rejected = [.. pair.Rejected.Select(MessageRow.From)],
    };
}

/// <summary>One message as a Parquet struct: <c>{role, content}</c>.</summary>
public sealed class MessageRow
{
    /// <summary><c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    /// <summary>The text.</summary>
    [JsonPropertyName("content")]
    public string Content { get; set; } = "";

    /// <summary>The row of <paramref name="message"/>.</summary>
    public static MessageRow From(Message message) => new() { Role = message.Role.ToString().ToLowerInvariant(), Content = message.Content };
}
