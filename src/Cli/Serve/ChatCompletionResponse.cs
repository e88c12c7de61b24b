using System.Text;
using System.Text.Json.Nodes;
using Cai.Models.Generation;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Serve;

/// <summary>
/// Writes a <see cref="LocalChatClient"/> response as an OpenAI <c>chat.completion</c> object (streamed answers:
/// <see cref="ChatCompletionChunks"/>).
/// </summary>
internal static class ChatCompletionResponse
{
    /// <summary>The JSON body for <paramref name="response"/>, answering as <paramref name="modelName"/>.</summary>
    public static JsonObject ToJson(ChatResponse response, string modelName, bool logProbs)
    {
        var completion = (LocalChatCompletion)response.RawRepresentation!;
        var choices = new JsonArray();
        for (var i = 0; i < completion.Choices.Count; i++)
        {
            var choice = completion.Choices[i];
            choices.Add(new JsonObject
            {
                ["index"] = i,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = choice.Text },
                ["finish_reason"] = choice.FinishReason == FinishReason.Length ? "length" : "stop",
                ["logprobs"] = logProbs ? LogProbs(choice, completion.TokenTexts[i]) : null,
            });
        }
        var usage = response.Usage!;
        return new JsonObject
        {
            ["id"] = response.ResponseId,
            ["object"] = "chat.completion",
            ["created"] = (response.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds(),
            ["model"] = modelName,
            ["choices"] = choices,
            ["usage"] = Usage(usage),
        };
    }

    internal static JsonObject Usage(UsageDetails usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokenCount,
        ["completion_tokens"] = usage.OutputTokenCount,
        ["total_tokens"] = usage.TotalTokenCount,
    };

    static JsonObject LogProbs(GeneratedSequence choice, IReadOnlyList<string> tokens) => LogProbs(choice, tokens, 0, choice.Ids.Count);

    static JsonObject LogProbs(GeneratedSequence choice, IReadOnlyList<string> tokens, int from, int to)
    {
        var content = new JsonArray();
        for (var t = from; t < to; t++)
        {
            var top = new JsonArray();
            foreach (var alternative in choice.TopLogProbs?[t] ?? [])
                top.Add(Token(alternative.Token, alternative.LogProb));
            var entry = Token(tokens[t], choice.LogProbs![t]);
            entry["top_logprobs"] = top;
            content.Add(entry);
        }
        return new JsonObject { ["content"] = content };
    }

    internal static JsonObject Token(string text, float logProb) => new()
    {
        ["token"] = text,
        ["logprob"] = logProb,
        ["bytes"] = new JsonArray([.. Encoding.UTF8.GetBytes(text).Select(b => JsonValue.Create((int)b))]),
    };
}
