namespace Cai.Pipeline.Config;

/// <summary>Files the pairs are exported to after a run.</summary>
public enum ExportFormat
{
    /// <summary>TRL conversational <c>prompt/chosen/rejected</c> JSONL.</summary>
    Jsonl,

    /// <summary>The same columns in Parquet.</summary>
    Parquet,

    /// <summary>Unpaired <c>prompt/completion/label</c> JSONL for KTO.</summary>
    Kto,
}
