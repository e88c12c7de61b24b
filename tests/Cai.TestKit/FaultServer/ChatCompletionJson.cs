using System.Text.Json;

namespace Cai.TestKit.FaultServer;

/// <summary>Reads OpenAI chat requests and writes well-formed chat.completion responses.</summary>
internal static class ChatCompletionJson
{
    public static (string Model, string LastUser, bool LogProbs, int TopLogProbs) ReadRequest(JsonElement root)
    {
        var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
        var lastUser = "";
        foreach (var message in root.GetProperty("messages").EnumerateArray())
            if (message.GetProperty("role").GetString() == "user")
                lastUser = TextOf(message.GetProperty("content"));
        var logProbs = root.TryGetProperty("logprobs", out var lp) && lp.ValueKind == JsonValueKind.True;
        var top = root.TryGetProperty("top_logprobs", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
        return (model, lastUser, logProbs, top);
    }

    // Content is either a string or a list of parts ({"type":"text","text":...}).
    private static string TextOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray()
            .Where(p => p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString()));

    public static object Response(string id, string model, string content, bool logProbs, int top, long created,
        IReadOnlyDictionary<string, double>? firstToken = null) => new
    {
        id,
        @object = "chat.completion",
        created,
        model,
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content },
                finish_reason = "stop",
                logprobs = logProbs ? new { content = firstToken is null ? Tokens(content, top) : FirstToken(firstToken, top) } : null,
            },
        },
        usage = new { prompt_tokens = 10, completion_tokens = content.Length / 4 + 1, total_tokens = content.Length / 4 + 11 },
    };

    // One answer token drawn from a given distribution: the likeliest is the token, the top ones its alternatives.
    private static object[] FirstToken(IReadOnlyDictionary<string, double> logProbs, int top)
    {
        var ranked = logProbs.OrderByDescending(kv => kv.Value).ToList();
        var alternatives = ranked.Take(top).Select(kv => new { token = kv.Key, logprob = kv.Value, bytes = (int[]?)null }).ToArray();
        return [new { token = ranked[0].Key, logprob = ranked[0].Value, bytes = (int[]?)null, top_logprobs = alternatives }];
    }

    // Fake but well-formed: tokens are the words (with their leading space), the i-th has log-prob -0.1(i+1),
    // and the alternatives are the token itself followed by made-up less likely ones.
    private static object[] Tokens(string content, int top) => content
        .Split(' ')
        .Select((word, i) => i == 0 ? word : " " + word)
        .Select((token, i) =>
        {
            var lp = -0.1 * (i + 1);
            var alternatives = Enumerable.Range(0, top)
                .Select(k => new { token = k == 0 ? token : $"alt{k}", logprob = lp - k, bytes = (int[]?)null })
                .ToArray();
            return (object)new { token, logprob = lp, bytes = (int[]?)null, top_logprobs = alternatives };
        })
        .ToArray();
}
