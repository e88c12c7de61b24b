using System.Text.Json.Nodes;
using Cai.Models.Generation;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Serve;

/// <summary>
/// Turns the updates of <see cref="LocalChatClient.GetStreamingResponseAsync"/> into OpenAI
/// <c>chat.completion.chunk</c> objects as they arrive: per choice one with the role before its first text, one per
/// piece of decoded text (with its tokens' log-probabilities when asked), one with the finish reason; and, when usage
/// is asked for, a last chunk with no choices and the usage (the others then carry <c>usage: null</c>). The caller
/// frames each as a server-sent event and ends with <c>data: [DONE]</c>.
/// </summary>
internal sealed class ChatCompletionChunks(string modelName, bool logProbs, bool includeUsage)
{
    readonly HashSet<int> started = [];

    /// <summary>The chunks for one update, in order.</summary>
    public IReadOnlyList<JsonObject> Of(ChatResponseUpdate update)
    {
        var chunks = new List<JsonObject>();
        var created = (update.CreatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
        JsonObject Chunk(JsonArray choices)
        {
            var chunk = new JsonObject
            {
                ["id"] = update.ResponseId,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = modelName,
                ["choices"] = choices,
            };
            if (includeUsage)
                chunk["usage"] = null;
            chunks.Add(chunk);
            return chunk;
        }
        void Choice(int index, JsonObject delta, string? finish = null, JsonObject? tokenLogProbs = null)
        {
            if (started.Add(index))
                Chunk([Delta(index, new JsonObject { ["role"] = "assistant", ["content"] = "" })]);
            Chunk([Delta(index, delta, finish, tokenLogProbs)]);
        }
        switch (update.RawRepresentation)
        {
            case LocalTextDelta text:
                Choice(text.Delta.Row, new JsonObject { ["content"] = text.Delta.Text }, null, logProbs ? LogProbs(text) : null);
                break;
            case LocalChatCompletion completion:
                for (var i = 0; i < completion.Choices.Count; i++)
                    Choice(i, [], completion.Choices[i].FinishReason == FinishReason.Length ? "length" : "stop");
                if (includeUsage && update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
                    Chunk([])["usage"] = ChatCompletionResponse.Usage(usage.Details);
                break;
        }
        return chunks;
    }

    static JsonObject Delta(int index, JsonObject delta, string? finish = null, JsonObject? tokenLogProbs = null) => new()
    {
        ["index"] = index,
        ["delta"] = delta,
        ["logprobs"] = tokenLogProbs,
        ["finish_reason"] = finish,
    };

    static JsonObject LogProbs(LocalTextDelta text)
    {
        var content = new JsonArray();
        for (var t = 0; t < text.Delta.Ids.Count; t++)
        {
            var top = new JsonArray();
            foreach (var alternative in text.Delta.TopLogProbs?[t] ?? [])
                top.Add(ChatCompletionResponse.Token(alternative.Token, alternative.LogProb));
            var entry = ChatCompletionResponse.Token(text.TokenTexts[t], text.Delta.LogProbs?[t] ?? 0f);
            entry["top_logprobs"] = top;
            content.Add(entry);
        }
        return new JsonObject { ["content"] = content };
    }
}
