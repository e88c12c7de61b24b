namespace Cai.Models.Tests.Hf;

/// <summary>Paths of the committed HF fixtures and throwaway temp folders for tests that write files.</summary>
internal static class HfTestFiles
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "Hf", .. parts]);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cai-hf-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string WriteTemp(string name, string content)
    {
        var path = Path.Combine(TempDir(), name);
        File.WriteAllText(path, content);
        return path;
    }
}
