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

    /// <summary>
    /// SL-CAI's SFT rows in TRL's conversational <c>messages</c>: each revised sample's prompt and final revision
    /// (<c>pairs/sft.jsonl</c>, held-out prompts in <c>pairs/sft.test.jsonl</c>), made from <c>revise.jsonl</c>.
    /// </summary>
    Sft,
}
