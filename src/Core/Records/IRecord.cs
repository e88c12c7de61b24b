namespace Cai.Core.Records;

/// <summary>A JSONL record with a stable id: what a stage store keys resumption and de-duplication on.</summary>
public interface IRecord
{
    /// <summary>The stable id (from the input, or a content hash).</summary>
    string Id { get; }
}
