using System.Text.Json;
using System.Text.Json.Serialization;
using Cai.Core.Choices;

namespace Cai.Core.Records;

/// <summary>
/// Reads and writes <see cref="ChatRole"/> as <c>system|user|assistant</c> (case-insensitive on read), and says
/// which roles are allowed when a line has another one.
/// </summary>
internal sealed class ChatRoleConverter : JsonConverter<ChatRole>
{
    public override ChatRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"expected a string (system, user or assistant), got {reader.TokenType.ToString().ToLowerInvariant()}");
        var value = reader.GetString();
        return Choice<ChatRole>.Parse(value) ?? throw new JsonException($"must be system, user or assistant, got '{value}'");
    }

    public override void Write(Utf8JsonWriter writer, ChatRole value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Enum.IsDefined(value) ? Choice<ChatRole>.Name(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "not a chat role"));
}
