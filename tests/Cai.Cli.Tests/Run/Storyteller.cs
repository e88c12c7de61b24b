namespace Cai.Cli.Tests.Run;

/// <summary>A deterministic fake policy for the fault server: answers depend only on the request text.</summary>
internal static class Storyteller
{
    /// <summary>Dog stories break kind-stories' violence and fear checks, so they get revised and make pairs.</summary>
    public static string Answer(string request) =>
        request.StartsWith("Tell a story", StringComparison.Ordinal)
            ? request.Contains("dog", StringComparison.Ordinal)
                ? "The monster hit the dog in the dark and the dog was scared."
                : "The cat found a red ball and shared it with a friend."
            : "The dog found a friend, and they shared a red ball in the sun.";
}
