using Cai.Core.Records;
using Cai.Models.Chat;

namespace Cai.Pipeline.Evaluation;

/// <summary>A prompt as an in-process model sees it: plain text, plus the id it is reported under.</summary>
/// <param name="Id">The prompt record's id.</param>
/// <param name="Text">The text the model continues.</param>
public sealed record EvalPrompt(string Id, string Text)
{
    /// <summary>The prompt's conversation when it came from a record; null means one user turn of <see cref="Text"/>.
    /// <see cref="EvalPromptRenderer"/> renders it with a chat format.</summary>
    public IReadOnlyList<ChatTurn>? Turns { get; init; }

    /// <summary>Story openers used when no prompt file is given (the stories260K demo model writes TinyStories).</summary>
    public static IReadOnlyList<EvalPrompt> DefaultStoryPrompts { get; } =
    [
        new("story-0", "Once upon a time"),
        new("story-1", "One day, a little girl named Lily"),
        new("story-2", "Tom and his dog went to the park."),
        new("story-3", "There was a big tree in the forest."),
    ];

    /// <summary>The prompt of a record: its messages' contents, one per line (a single user turn is used as is).</summary>
    public static EvalPrompt FromRecord(PromptRecord record) =>
        new(record.Id, string.Join("\n", record.Messages.Select(m => m.Content)))
        {
            Turns = [.. record.Messages.Select(ChatTurn.From)],
        };
}
