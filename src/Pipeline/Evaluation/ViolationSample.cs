namespace Cai.Pipeline.Evaluation;

/// <summary>A sampled completion with the principles the rules judge found it violating.</summary>
/// <param name="PromptId">The prompt's id.</param>
/// <param name="SampleIndex">Which of the prompt's samples.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="Completion">The completion text.</param>
/// <param name="Violations">The violated principle ids; empty when the completion passes.</param>
public sealed record ViolationSample(string PromptId, int SampleIndex, string Prompt, string Completion,
    IReadOnlyList<string> Violations);
