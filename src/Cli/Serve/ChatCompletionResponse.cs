using System.Text;
using System.Text.Json.Nodes;
using Cai.Models.Generation;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Serve;

/// <summary>
/// Writes a <see cref="LocalChatClient"/> response as an OpenAI <c>chat.completion</c> object, or as the
/// <c>chat.completion.chunk</c> objects of a streamed answer.
/// </summary>
public static class ChatCompletionResponse
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

    /// <summary>
    /// The chunks of a streamed answer, in order: per choice one with the role, then one per token (one with the whole
    /// text when the tokens' pieces do not spell it, as after a stop string), then one with the finish reason; and,
    /// when <paramref name="includeUsage"/>, a last chunk with no choices and the usage (the others carry
    /// <c>usage: null</c>). The caller frames each as a server-sent event and ends with <c>data: [DONE]</c>.
    /// </summary>
    public static IReadOnlyList<JsonObject> ToChunks(ChatResponse response, string modelName, bool logProbs, bool includeUsage)
    {
        var completion = (LocalChatCompletion)response.RawRepresentation!;
        var created = (response.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
        var chunks = new List<JsonObject>();
        JsonObject Chunk(JsonArray choices) => new()
        {
            ["id"] = response.ResponseId,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = modelName,
            ["choices"] = choices,
        };
        JsonObject Delta(int index, JsonObject delta, string? finish = null, JsonObject? tokenLogProbs = null) => new()
        {
            ["index"] = index,
            ["delta"] = delta,
            ["logprobs"] = tokenLogProbs,
            ["finish_reason"] = finish,
        };
        for (var i = 0; i < completion.Choices.Count; i++)
        {
            var choice = completion.Choices[i];
            var pieces = completion.TokenTexts[i];
            chunks.Add(Chunk([Delta(i, new JsonObject { ["role"] = "assistant", ["content"] = "" })]));
            if (string.Concat(pieces) == choice.Text)
            {
                for (var t = 0; t < pieces.Count; t++)
                    chunks.Add(Chunk([Delta(i, new JsonObject { ["content"] = pieces[t] }, null,
                        logProbs ? LogProbs(choice, pieces, t, t + 1) : null)]));
            }
            else if (choice.Text.Length > 0)
            {
                chunks.Add(Chunk([Delta(i, new JsonObject { ["content"] = choice.Text }, null,
                    logProbs ? LogProbs(choice, pieces, 0, choice.Ids.Count) : null)]));
            }
            chunks.Add(Chunk([Delta(i, [], choice.FinishReason == FinishReason.Length ? "length" : "stop")]));
        }
        if (includeUsage)
        {
            foreach (var chunk in chunks)
                chunk["usage"] = null;
            var usage = Chunk([]);
            usage["usage"] = Usage(response.Usage!);
            chunks.Add(usage);
        }
        return chunks;
    }

    static JsonObject Usage(UsageDetails usage) => new()
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

    static JsonObject Token(string text, float logProb) => new()
    {
        ["token"] = text,
        ["logprob"] = logProb,
        ["bytes"] = new JsonArray([.. Encoding.UTF8.GetBytes(text).Select(b => JsonValue.Create((int)b))]),
    };
}
