using Cai.Models.Chat;

namespace Cai.Pipeline.Evaluation;

/// <summary>How completions are sampled for evaluation; validated by <see cref="Validate"/>.</summary>
public sealed record EvalSamplingOptions
{
    /// <summary>Completions sampled per prompt (k).</summary>
    /// <value>The default value is 4.</value>
    public int SamplesPerPrompt { get; init; } = 4;

    /// <summary>Most new tokens per completion.</summary>
    /// <value>The default value is 64.</value>
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Sampling temperature for violation rates and win rates (KL always samples at 1).</summary>
    /// <value>The default value is 1.0.</value>
    public double Temperature { get; init; } = 1.0;

    /// <summary>The seed; batch i of prompts samples with seed <c>Seed + i</c>.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>The chat format prompts are rendered with (see <see cref="EvalPromptRenderer"/>), whose stop strings
    /// end the completions; null continues the prompt text as is (raw, for story openers).</summary>
    /// <value>The default value is null.</value>
    public IChatFormat? ChatFormat { get; init; }

    /// <summary>Prompts per generation batch.</summary>
    /// <value>The default value is 8.</value>
    public int PromptsPerBatch { get; init; } = 8;

    /// <summary>Called after each generation batch with the number of completions it sampled, for progress displays.</summary>
    /// <value>The default value is null.</value>
    public Action<int>? Sampled { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (SamplesPerPrompt < 1)
            throw new ArgumentOutOfRangeException(nameof(SamplesPerPrompt), SamplesPerPrompt, "SamplesPerPrompt must be at least 1.");
        if (MaxNewTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "MaxNewTokens must be at least 1.");
        if (Temperature < 0 || !double.IsFinite(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be >= 0.");
        if (PromptsPerBatch < 1)
            throw new ArgumentOutOfRangeException(nameof(PromptsPerBatch), PromptsPerBatch, "PromptsPerBatch must be at least 1.");
    }
}
