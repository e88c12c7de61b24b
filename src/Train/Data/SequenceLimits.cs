using Cai.Train.Options;

namespace Cai.Train.Data;

/// <summary>Token limits applied when tokenizing (TRL <c>max_length</c>, <c>max_prompt_length</c>, <c>max_completion_length</c>, <c>truncation_mode</c>).</summary>
/// <param name="MaxLength">Maximum prompt + completion tokens; null means no limit.</param>
/// <param name="MaxPromptLength">Maximum prompt tokens when the whole is too long; null means no limit.</param>
/// <param name="MaxCompletionLength">Maximum completion tokens; null means no limit.</param>
/// <param name="TruncationMode">Which end of an over-long prompt to keep.</param>
public sealed record SequenceLimits(int? MaxLength, int? MaxPromptLength = null, int? MaxCompletionLength = null,
    TruncationMode TruncationMode = TruncationMode.KeepEnd)
{
    /// <summary>
    /// Truncates a prompt shared by several completions the way TRL's DPO tokenizer does: completions are first cut to
    /// <see cref="MaxCompletionLength"/>; if prompt + longest completion exceeds <see cref="MaxLength"/>, the prompt is cut to
    /// <see cref="MaxPromptLength"/> (keeping its start or end); if it is still too long, completions keep their first
    /// <see cref="MaxLength"/> − prompt tokens.
    /// </summary>
    /// <returns>The truncated sequences and whether anything was cut.</returns>
    public (int[] Prompt, int[][] Completions, bool Truncated) Apply(int[] prompt, IReadOnlyList<int[]> completions)
    {
        var truncated = false;
        var outs = completions.Select(c => Keep(c, MaxCompletionLength, keepEnd: false, ref truncated)).ToArray();
        var longest = outs.Max(c => c.Length);
        if (MaxLength is { } max && prompt.Length + longest > max)
        {
            prompt = Keep(prompt, MaxPromptLength, TruncationMode == TruncationMode.KeepEnd, ref truncated);
            if (prompt.Length + longest > max)
                outs = outs.Select(c => Keep(c, Math.Max(0, max - prompt.Length), keepEnd: false, ref truncated)).ToArray();
        }

        return (prompt, outs, truncated);
    }

    static int[] Keep(int[] ids, int? limit, bool keepEnd, ref bool truncated)
    {
        if (limit is not { } n || ids.Length <= n)
            return ids;
        truncated = true;
        return keepEnd ? ids[^n..] : ids[..n];
    }
}
