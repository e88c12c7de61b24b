namespace Cai.Core.Records;

/// <summary>A problem with one field of a record.</summary>
/// <param name="Field">The field in dotted/indexed form, e.g. <c>messages[0].content</c>.</param>
/// <param name="Reason">What is wrong, e.g. <c>must not be empty</c>.</param>
public sealed record FieldError(string Field, string Reason)
{
    /// <summary>An error when <paramref name="value"/> is null, empty or white space.</summary>
    public static FieldError? NotBlank(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? new FieldError(field, "must not be empty") : null;

    /// <summary>An error when <paramref name="list"/> is null or empty.</summary>
    public static FieldError? NotEmpty<T>(IReadOnlyCollection<T>? list, string field) =>
        list is null || list.Count == 0 ? new FieldError(field, "must not be empty") : null;

    /// <summary>The first invalid message of a conversation, with its index in the field name.</summary>
    public static FieldError? Messages(IReadOnlyList<Message>? messages, string field, ChatRole? requiredRole = null)
    {
        if (NotEmpty(messages, field) is { } empty)
            return empty;
        for (var i = 0; i < messages!.Count; i++)
        {
            if (messages[i] is null)
                return new FieldError($"{field}[{i}]", "must not be null");
            if (requiredRole is { } role && messages[i].Role != role)
                return new FieldError($"{field}[{i}].role", $"must be '{Choices.Choice<ChatRole>.Name(role)}'");
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Reason} (field '{Field}')";
}
