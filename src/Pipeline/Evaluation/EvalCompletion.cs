namespace Cai.Pipeline.Evaluation;

/// <summary>One sampled completion of one prompt.</summary>
/// <param name="PromptId">The prompt's id.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="SampleIndex">Which of the prompt's samples (0-based).</param>
/// <param name="Text">The completion text.</param>
/// <param name="StopTokenId">The token that ended it (EOS, or BOS for llama2.c models), not part of the text; null when
/// the token budget or a stop string ended it.</param>
public sealed record EvalCompletion(string PromptId, string Prompt, int SampleIndex, string Text, int? StopTokenId = null);
