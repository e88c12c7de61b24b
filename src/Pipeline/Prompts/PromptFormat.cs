namespace Cai.Pipeline.Prompts;

/// <summary>The layout of a prompts file.</summary>
public enum PromptFormat
{
    /// <summary>One <see cref="Cai.Core.Records.PromptRecord"/> per line: <c>{"id", "messages"}</c> or a bare <c>{"id", "prompt"}</c>.</summary>
    Jsonl,

    /// <summary>Anthropic HH-RLHF rows (<c>{"chosen": "\n\nHuman: ...\n\nAssistant: ..."}</c>); the first human turn is the prompt.</summary>
    HhRlhf,
}
