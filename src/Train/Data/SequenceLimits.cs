using Cai.Models.Chat;
using Cai.Models.Tokenizers;

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
    /// The prompt turns cut, before tokenizing, to the text <see cref="MaxLength"/> tokens can use (keeping the end
    /// when <see cref="TruncationMode"/> keeps the end); <paramref name="capped"/> says whether anything was cut.
    /// </summary>
    public IReadOnlyList<ChatTurn> CapPrompt(IReadOnlyList<ChatTurn> turns, out bool capped)
    {
        capped = false;
        return MaxLength is { } max
            ? TextCap.Cap(turns, TextBudget.MaxChars(max), TruncationMode == TruncationMode.KeepEnd, out capped)
            : turns;
    }

    /// <summary>The completion turns cut, before tokenizing, to the text its token limit can use (keeping the start).</summary>
    public IReadOnlyList<ChatTurn> CapCompletion(IReadOnlyList<ChatTurn> turns, out bool capped)
    {
        capped = false;
        return (MaxCompletionLength ?? MaxLength) is { } max ? TextCap.Cap(turns, TextBudget.MaxChars(max), keepEnd: false, out capped) : turns;
    }

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
