using Cai.Models;
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
                MaxNewTokens = options.MaxNewTokens,
                Temperature = options.Temperature,
                NumReturnSequences = options.SamplesPerPrompt,
                Seed = options.Seed + start / options.PromptsPerBatch,
                StopStrings = options.ChatFormat?.StopStrings ?? [],
            };
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
