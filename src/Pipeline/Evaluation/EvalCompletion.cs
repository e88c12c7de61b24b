namespace Cai.Pipeline.Evaluation;

/// <summary>One sampled completion of one prompt.</summary>
/// <param name="PromptId">The prompt's id.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="SampleIndex">Which of the prompt's samples (0-based).</param>
/// <param name="Text">The completion text.</param>
public sealed record EvalCompletion(string PromptId, string Prompt, int SampleIndex, string Text);
