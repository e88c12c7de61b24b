namespace Cai.Train.Options;

/// <summary>Validation of the <c>max_length</c> / <c>max_prompt_length</c> / <c>max_completion_length</c> trio.</summary>
internal static class SequenceLengths
{
    public static void Validate(int? maxLength, int? maxPromptLength, int? maxCompletionLength)
    {
        if (maxLength is { } total)
        {
            OptionGuard.Positive(total, "max_length");
        }

        if (maxPromptLength is { } prompt)
        {
            OptionGuard.Positive(prompt, "max_prompt_length");
            if (maxLength is { } limit && prompt >= limit)
            {
                throw new ArgumentException(
                    $"max_prompt_length must be < max_length (got {prompt} >= {limit})", "max_prompt_length");
            }
        }

        if (maxCompletionLength is { } completion)
        {
            OptionGuard.Positive(completion, "max_completion_length");
        }
    }
}
