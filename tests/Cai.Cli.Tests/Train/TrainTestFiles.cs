namespace Cai.Cli.Tests.Train;

/// <summary>Scratch folders and prompt files for the <c>cai train</c> command tests.</summary>
internal static class TrainTestFiles
{
    /// <summary>A new empty folder under the temp directory.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cai-cli-train", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Six prompts in the pipeline's prompt format, for the online trainers.</summary>
    public static string PromptFile(string dir)
    {
        var path = Path.Combine(dir, "prompts.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 6).Select(i => $$"""{"id":"p{{i}}","prompt":"Tell a story about day {{i}}."}"""));
        return path;
    }
}
