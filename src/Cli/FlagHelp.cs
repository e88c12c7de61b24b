using System.Runtime.CompilerServices;

namespace Cai.Cli;

/// <summary>
/// Help text that is costly to make, made only when help is shown: a flag made from an options record reads its
/// property's doc summary from the build's documentation files (<see cref="DocSummaries"/>), which would add about
/// 70 ms to every <c>cai</c> start; until then its help is its key and default.
/// </summary>
internal static class FlagHelp
{
    static readonly ConditionalWeakTable<Option, Func<string>> Descriptions = [];

    /// <summary>Registers how <paramref name="option"/>'s full help text is made.</summary>
    public static void Describe(Option option, Func<string> description) => Descriptions.AddOrUpdate(option, description);

    /// <summary>Gives the options of <paramref name="command"/> (the one whose help is shown) their full help text.</summary>
    public static void Fill(Command command)
    {
        foreach (var option in command.Options)
        {
            if (Descriptions.TryGetValue(option, out var description))
                option.Description = description();
        }
    }
}
