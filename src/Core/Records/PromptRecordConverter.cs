using System.Text.Json;
using System.Text.Json.Serialization;
using Cai.Core.Json;

namespace Cai.Core.Records;

/// <summary>
/// Reads both prompt shapes (<c>messages</c> list or bare <c>prompt</c> text) into a <see cref="PromptRecord"/> and
/// always writes the normalised <c>{"id", "messages"}</c> shape.
/// </summary>
internal sealed class PromptRecordConverter : JsonConverter<PromptRecord>
{
    public override PromptRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonFieldException("$", $"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}");

        var messages = ReadMessages(root, options);
        string id;
        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
            id = ContentId.Of(messages);
        else if (idElement.ValueKind == JsonValueKind.String)
            id = idElement.GetString()!;
        else
            throw new JsonFieldException("id", $"expected a string, got {Kind(idElement)}");
        return new PromptRecord { Id = id, Messages = messages };
    }

    static IReadOnlyList<Message> ReadMessages(JsonElement root, JsonSerializerOptions options)
    {
        if (root.TryGetProperty("messages", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
                throw new JsonFieldException("messages", $"expected an array of messages, got {Kind(list)}");
            try
            {
                return list.Deserialize<List<Message>>(options)!;
            }
            catch (JsonException ex) when (ex is not JsonFieldException)
            {
                var (field, reason) = JsonErrors.Describe(ex);
                throw new JsonFieldException("messages" + field.TrimStart('$'), reason);
            }
        }
        if (root.TryGetProperty("prompt", out var text))
        {
            if (text.ValueKind != JsonValueKind.String)
                throw new JsonFieldException("prompt", $"expected a string, got {Kind(text)}");
            return [Message.User(text.GetString()!)];
        }
        throw new JsonFieldException("messages", "is required (or a 'prompt' string)");
    }

    static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    public override void Write(Utf8JsonWriter writer, PromptRecord value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WritePropertyName("messages");
        JsonSerializer.Serialize(writer, value.Messages, options);
        writer.WriteEndObject();
    }
}
