using System.Text.Json.Serialization;

namespace Cai.Core.Records;

/// <summary>
/// An input prompt: <c>{"id", "messages": [...]}</c>. A bare <c>{"id", "prompt": "text"}</c> is accepted and
/// normalised to one user message; a missing id becomes <see cref="ContentId.Of(IReadOnlyList{Message})"/>.
/// </summary>
[JsonConverter(typeof(PromptRecordConverter))]
public sealed record PromptRecord : IRecord, IValidatable
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The conversation so far, usually one user message.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>A prompt from plain text, its id the content hash unless given.</summary>
    public static PromptRecord FromText(string text, string? id = null)
    {
        IReadOnlyList<Message> messages = [Message.User(text)];
        return new PromptRecord { Id = id ?? ContentId.Of(messages), Messages = messages };
    }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id") ?? FieldError.Messages(Messages, "messages");
}
