namespace Cai.Train.Options;

/// <summary>Which end of an over-long prompt to keep (TRL <c>truncation_mode</c>).</summary>
public enum TruncationMode
{
    /// <summary>Keep the end of the prompt, the part nearest the completion (TRL <c>"keep_end"</c>).</summary>
    KeepEnd,

    /// <summary>Keep the start of the prompt (TRL <c>"keep_start"</c>).</summary>
    KeepStart,
}
