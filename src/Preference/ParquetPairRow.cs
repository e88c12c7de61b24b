using System.Text.Json.Serialization;

namespace Cai.Preference;

/// <summary>
/// A preference pair as a Parquet row: <c>prompt</c>, <c>chosen</c> and <c>rejected</c> are lists of
/// <c>{role, content}</c> structs (TRL's conversational format, loadable with <c>datasets.load_dataset("parquet")</c>),
/// plus <c>id</c>, <c>source</c>, <c>label_prob</c>, <c>principle_ids</c> and <c>lineage</c> (its JSON text, as in the JSONL export).
/// </summary>
public sealed class ParquetPairRow
{
    /// <summary>The pair id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The prompt conversation.</summary>
    [JsonPropertyName("prompt")]
    public List<ParquetMessage> Prompt { get; set; } = [];

    /// <summary>The preferred continuation.</summary>
    [JsonPropertyName("chosen")]
    public List<ParquetMessage> Chosen { get; set; } = [];

    /// <summary>The dispreferred continuation.</summary>
    [JsonPropertyName("rejected")]
    public List<ParquetMessage> Rejected { get; set; } = [];

    /// <summary><c>revision</c> or <c>feedback</c>.</summary>
    [JsonPropertyName("source")]
    public string Source { get; set; } = "";

    /// <summary>The soft label; null for hard labels.</summary>
    [JsonPropertyName("label_prob")]
    public double? LabelProb { get; set; }

    /// <summary>The principles the label was judged against.</summary>
    [JsonPropertyName("principle_ids")]
    public List<string> PrincipleIds { get; set; } = [];

    /// <summary>The pair's lineage as the JSON object the JSONL export writes; null when the pair has none.</summary>
    [JsonPropertyName("lineage")]
    public string? Lineage { get; set; }
}

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
