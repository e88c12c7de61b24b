namespace Cai.Pipeline.Generate;

/// <summary>How the generate stage samples answers from the policy model.</summary>
public sealed record GenerateOptions
{
    /// <summary>Answers drawn per prompt (two or more make feedback pairs possible).</summary>
    /// <value>The default value is 2.</value>
    public int SamplesPerPrompt { get; init; } = 2;

    /// <summary>Softmax temperature; 0 is greedy.</summary>
    /// <value>The default value is 1.0.</value>
    public double? Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling mass.</summary>
    /// <value>The default value is null (the provider's default).</value>
    public double? TopP { get; init; }

    /// <summary>Most new tokens per answer.</summary>
    /// <value>The default value is 256.</value>
    public int? MaxTokens { get; init; } = 256;

    /// <summary>The run seed; each sample's seed derives from it, the prompt id and the sample index.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (SamplesPerPrompt < 1)
            throw new ArgumentOutOfRangeException(nameof(SamplesPerPrompt), SamplesPerPrompt, "SamplesPerPrompt must be >= 1.");
        if (Temperature is < 0 or double.NaN)
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be >= 0.");
        if (TopP is <= 0 or > 1 or double.NaN)
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        if (MaxTokens is <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be > 0.");
    }
}
