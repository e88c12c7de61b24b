using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Models.Generation;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Samples k completions per prompt from a local model, batch by batch, reproducibly from one seed. With a
/// <see cref="EvalSamplingOptions.ChatFormat"/> the prompts are rendered with it first and its stop strings end the
/// completions; the completions then carry the rendered prompt, so scorers see exactly what the model saw.
/// </summary>
public static class CompletionSampler
{
    /// <summary>Samples <see cref="EvalSamplingOptions.SamplesPerPrompt"/> completions of each prompt, in prompt order.</summary>
    public static IReadOnlyList<EvalCompletion> Sample(LocalModel model, IReadOnlyList<EvalPrompt> prompts,
        EvalSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        if (options.ChatFormat is { } format)
            prompts = [.. prompts.Select(p => EvalPromptRenderer.Render(p, format, model.Tokenizer))];
        var completions = new List<EvalCompletion>();
        for (var start = 0; start < prompts.Count; start += options.PromptsPerBatch)
        {
            var batch = prompts.Skip(start).Take(options.PromptsPerBatch).ToList();
            var generation = new GenerationOptions
            {
                NumReturnSequences = options.SamplesPerPrompt,
                Seed = options.Seed + start / options.PromptsPerBatch,
                StopStrings = options.ChatFormat?.StopStrings ?? [],
            }.With(options);
            var sequences = model.GenerateBatch([.. batch.Select(p => p.Text)], generation);
            foreach (var sequence in sequences)
            {
                var prompt = batch[sequence.PromptIndex];
                completions.Add(new EvalCompletion(prompt.Id, prompt.Text, sequence.SampleIndex, sequence.Text, sequence.StopTokenId));
            }
            options.Sampled?.Invoke(sequences.Count);
        }
        return completions;
    }
}

/// <summary>
/// How completions are sampled for evaluation: the sampling settings (<see cref="SamplingOptions"/>; the temperature is
/// that of violation and win rates, KL always samples at 1) plus evaluation's own, each bound declared once on its
/// property: <c>cai eval</c>'s sampling flags are made from this record and <see cref="OptionsRecord.Validate"/> checks
/// the same ranges. A setting left null takes the engine's default (<see cref="GenerationOptions.With"/>).
/// </summary>
public sealed record EvalSamplingOptions : SamplingOptions
{
    /// <summary>Options with evaluation's defaults: temperature 1 and 64 new tokens, short completions so that k of
    /// each prompt stay cheap.</summary>
    public EvalSamplingOptions()
    {
        Temperature = 1.0;
        MaxTokens = 64;
    }

    /// <summary>Completions sampled per prompt (k).</summary>
    /// <value>The default value is 4.</value>
    [Range(1, int.MaxValue)]
    public int SamplesPerPrompt { get; init; } = 4;

    /// <summary>The seed; batch i of prompts samples with seed <c>Seed + i</c>.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>The chat format prompts are rendered with (see <see cref="EvalPromptRenderer"/>), whose stop strings
    /// end the completions; null continues the prompt text as is (raw, for story openers).</summary>
    /// <value>The default value is null.</value>
    [BindNever]
    public IChatFormat? ChatFormat { get; init; }

    /// <summary>Prompts per generation batch.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, int.MaxValue)]
    public int PromptsPerBatch { get; init; } = 8;

    /// <summary>Called after each generation batch with the number of completions it sampled, for progress displays.</summary>
    /// <value>The default value is null.</value>
    [BindNever]
    public Action<int>? Sampled { get; init; }

}

/// <summary>One sampled completion of one prompt.</summary>
/// <param name="PromptId">The prompt's id.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="SampleIndex">Which of the prompt's samples (0-based).</param>
/// <param name="Text">The completion text.</param>
/// <param name="StopTokenId">The token that ended it (EOS, or BOS for llama2.c models), not part of the text; null when
/// the token budget or a stop string ended it.</param>
public sealed record EvalCompletion(string PromptId, string Prompt, int SampleIndex, string Text, int? StopTokenId = null);
