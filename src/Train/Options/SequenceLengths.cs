namespace Cai.Train.Options;

/// <summary>
/// The check across <c>max_length</c> and <c>max_prompt_length</c> (each one's own range is declared on its property).
/// </summary>
internal static class SequenceLengths
{
    public static void Validate(int? maxLength, int? maxPromptLength)
    {
        if (maxPromptLength is { } prompt && maxLength is { } limit && prompt >= limit)
        {
            throw new ArgumentException($"max_prompt_length must be < max_length (got {prompt} >= {limit})", "max_prompt_length");
        }
    }
}
