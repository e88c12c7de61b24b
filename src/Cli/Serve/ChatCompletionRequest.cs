using System.Text.Json;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Serve;

/// <summary>
/// A POST /v1/chat/completions body, validated field by field into Microsoft.Extensions.AI messages and options
/// (n, logprobs and top_logprobs travel as <see cref="ChatOptionsMapping"/> additional properties).
/// </summary>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">Sampling options.</param>
/// <param name="LogProbs">Whether log-probabilities were requested.</param>
/// <param name="Stream">Whether the answer is sent as server-sent <c>chat.completion.chunk</c> events.</param>
/// <param name="IncludeUsage">With <paramref name="Stream"/>: whether a last chunk carries the token usage (<c>stream_options.include_usage</c>).</param>
internal sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool LogProbs,
    bool Stream = false, bool IncludeUsage = false)
{
    /// <summary>Parses and validates a request body.</summary>
    /// <exception cref="OpenAIError">The body is not valid JSON, a field is missing or out of range, or the model is unknown.</exception>
    public static ChatCompletionRequest Parse(string body, string modelName, int maxTokensLimit, int maxChoices)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            throw new OpenAIError(400, $"We could not parse the JSON body of your request: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new OpenAIError(400, "The request body must be a JSON object.");
        var model = Get(root, "model", JsonValueKind.String)?.GetString()
            ?? throw OpenAIError.Invalid("model", "you must provide a model parameter");
        if (model != modelName)
            throw new OpenAIError(404, $"The model '{model}' does not exist; this server serves '{modelName}'.", "model", "model_not_found");
        var messages = ParseMessages(root);
        var stream = Get(root, "stream", JsonValueKind.True, JsonValueKind.False)?.GetBoolean() ?? false;
        var includeUsage = false;
        if (Get(root, "stream_options", JsonValueKind.Object) is { } streamOptions)
        {
            if (!stream)
                throw OpenAIError.Invalid("stream_options", "stream_options is only allowed when stream is true.");
            includeUsage = Get(streamOptions, "include_usage", JsonValueKind.True, JsonValueKind.False)?.GetBoolean() ?? false;
        }
        var maxTokens = Int(root, "max_completion_tokens", 1, maxTokensLimit) ?? Int(root, "max_tokens", 1, maxTokensLimit);
        var n = Int(root, "n", 1, maxChoices) ?? 1;
        var logprobs = Get(root, "logprobs", JsonValueKind.True, JsonValueKind.False)?.GetBoolean() ?? false;
        var top = Int(root, "top_logprobs", 0, 20);
        if (top is not null && !logprobs)
            throw OpenAIError.Invalid("top_logprobs", "top_logprobs requires logprobs to be true.");
        var options = new ChatOptions
        {
            ModelId = model,
            Temperature = Number(root, "temperature", 0, 2),
            TopP = Number(root, "top_p", 0, 1) is 0 ? throw OpenAIError.Invalid("top_p", "top_p must be greater than 0.")
                : Number(root, "top_p", 0, 1),
            TopK = Int(root, "top_k", 0, int.MaxValue),
            MaxOutputTokens = maxTokens,
            Seed = Get(root, "seed", JsonValueKind.Number) is { } s
                ? s.TryGetInt64(out var seed) ? seed : throw OpenAIError.Invalid("seed", "seed must be an integer.")
                : null,
            StopSequences = Stops(root),
            AdditionalProperties = new()
            {
                [ChatOptionsMapping.N] = n,
                [ChatOptionsMapping.LogProbs] = logprobs,
                [ChatOptionsMapping.TopLogProbs] = top ?? 0,
            },
        };
        return new ChatCompletionRequest(messages, options, logprobs, stream, includeUsage);
    }

    static List<ChatMessage> ParseMessages(JsonElement root)
    {
        var array = Get(root, "messages", JsonValueKind.Array)
            ?? throw OpenAIError.Invalid("messages", "you must provide a messages parameter (a non-empty array).");
        if (array.GetArrayLength() == 0)
            throw OpenAIError.Invalid("messages", "messages must contain at least one message.");
        var result = new List<ChatMessage>();
        var i = 0;
        foreach (var m in array.EnumerateArray())
        {
            var field = $"messages[{i++}]";
            if (m.ValueKind != JsonValueKind.Object)
                throw OpenAIError.Invalid(field, $"{field} must be an object with role and content.");
            var role = Get(m, "role", JsonValueKind.String)?.GetString();
            if (role is not ("system" or "user" or "assistant" or "developer"))
                throw OpenAIError.Invalid($"{field}.role", $"{field}.role must be system, user or assistant; got {role ?? "nothing"}.");
            result.Add(new ChatMessage(new ChatRole(role == "developer" ? "system" : role), Content(m, field)));
        }
        return result;
    }

    static string Content(JsonElement message, string field)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            return "";
        if (content.ValueKind == JsonValueKind.String)
            return content.GetString()!;
        if (content.ValueKind == JsonValueKind.Array && content.EnumerateArray().All(p =>
                p.ValueKind == JsonValueKind.Object && Get(p, "type", JsonValueKind.String)?.GetString() == "text"))
            return string.Concat(content.EnumerateArray().Select(p => Get(p, "text", JsonValueKind.String)?.GetString() ?? ""));
        throw OpenAIError.Invalid($"{field}.content", $"{field}.content must be a string or a list of text parts.");
    }

    static List<string>? Stops(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
            return null;
        List<string> stops = stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array when stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String)
                => stop.EnumerateArray().Select(s => s.GetString()!).ToList(),
            _ => throw OpenAIError.Invalid("stop", "stop must be a string or a list of strings."),
        };
        if (stops.Count > 4 || stops.Any(s => s.Length == 0))
            throw OpenAIError.Invalid("stop", "stop takes at most 4 non-empty strings.");
        return stops;
    }

    static JsonElement? Get(JsonElement o, string name, params JsonValueKind[] kinds)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return kinds.Contains(v.ValueKind) ? v
            : throw OpenAIError.Invalid(name, $"{name} has the wrong type ({v.ValueKind.ToString().ToLowerInvariant()}).");
    }

    static int? Int(JsonElement o, string name, int min, int max)
    {
        if (Get(o, name, JsonValueKind.Number) is not { } v)
            return null;
        if (!v.TryGetInt32(out var value))
            throw OpenAIError.Invalid(name, $"{name} must be an integer.");
        return value >= min && value <= max ? value
            : throw OpenAIError.Invalid(name, $"{name} must be between {min} and {max}; got {value}.");
    }

    static float? Number(JsonElement o, string name, double min, double max)
    {
        if (Get(o, name, JsonValueKind.Number) is not { } v)
            return null;
        var value = v.GetDouble();
        return value >= min && value <= max ? (float)value
            : throw OpenAIError.Invalid(name, $"{name} must be between {min} and {max}; got {value}.");
    }
}
