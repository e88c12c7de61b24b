namespace Cai.Core.Records;

/// <summary>Who speaks a message, as in TRL's conversational format. Serialised as <c>system|user|assistant</c>.</summary>
public enum ChatRole
{
    /// <summary>Instructions that frame the conversation.</summary>
    System,

    /// <summary>The human turn.</summary>
    User,

    /// <summary>The model turn.</summary>
    Assistant,
}
