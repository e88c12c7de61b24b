namespace Cai.Models.Generation;

/// <summary>Why a generated sequence ended (OpenAI's finish_reason values).</summary>
public enum FinishReason
{
    /// <summary>EOS, a stop token or a stop string.</summary>
    Stop,

    /// <summary>MaxNewTokens or the model's context length was reached.</summary>
    Length,
}
