using Cai.Core.Options;
using Cai.Models.Generation;
using Cai.Models.Hf;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Local;

/// <summary>
/// Maps <see cref="ChatOptions"/> to <see cref="GenerationOptions"/>. Settings ChatOptions has no property for travel
/// in AdditionalProperties under their OpenAI names: <c>n</c> (sequences), <c>logprobs</c> (bool) and
/// <c>top_logprobs</c> (int).
/// </summary>
public static class ChatOptionsMapping
{
    /// <summary>AdditionalProperties key: number of sequences to generate.</summary>
    public const string N = "n";

    /// <summary>AdditionalProperties key: true to return per-token log-probabilities.</summary>
    public const string LogProbs = "logprobs";

    /// <summary>AdditionalProperties key: alternatives per token (0-20) with <see cref="LogProbs"/>.</summary>
    public const string TopLogProbs = "top_logprobs";

    /// <summary>The generation options for one call; unset values fall back to generation_config.json, then to HF defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names the option.</exception>
    public static GenerationOptions ToGenerationOptions(ChatOptions? options, HfGenerationConfig? defaults,
        IReadOnlyList<string> formatStops, LocalChatClientOptions settings)
    {
        var extra = options?.AdditionalProperties;
        var n = Int(extra, N) ?? 1;
        if (n < 1 || n > settings.MaxReturnSequences)
            throw new ArgumentOutOfRangeException(N, n, $"n must be between 1 and {settings.MaxReturnSequences}; got {n}.");
        var logProbs = extra is not null && extra.TryGetValue(LogProbs, out bool wanted) && wanted;
        var top = Int(extra, TopLogProbs) ?? 0;
        if (top is < 0 or > 20)
            throw new ArgumentOutOfRangeException(TopLogProbs, top, $"top_logprobs must be between 0 and 20; got {top}.");
        // Each sampling setting is the call's, else the checkpoint's generation_config.json's, else the engine's default.
        var generation = new GenerationOptions
        {
            MaxNewTokens = settings.DefaultMaxOutputTokens,
            Seed = options?.Seed ?? 0,
            StopStrings = [.. formatStops, .. options?.StopSequences ?? []],
            NumReturnSequences = n,
            ReturnLogProbs = logProbs,
            TopLogProbs = logProbs ? top : 0,
        }.With(SamplingOptions.Of(options).OrElse(defaults?.Sampling));
        generation.Validate();
        return generation;
    }

    static int? Int(AdditionalPropertiesDictionary? extra, string key) =>
        extra is not null && extra.TryGetValue(key, out int value) ? value : null;
}
