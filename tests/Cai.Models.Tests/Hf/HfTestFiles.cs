namespace Cai.Models.Tests.Hf;

/// <summary>Paths of the committed HF fixtures and throwaway temp folders for tests that write files.</summary>
internal static class HfTestFiles
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "Hf", .. parts]);

    /// <summary>This test run's scratch root, deleted when the test process exits.</summary>
    static readonly string Root = CreateRoot();

    public static string TempDir()
    {
        var dir = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "cai-hf-tests", Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { } // a file still open on exit stays behind in /tmp; harmless
        };
        return root;
    }

    public static string WriteTemp(string name, string content)
    {
        var path = Path.Combine(TempDir(), name);
        File.WriteAllText(path, content);
        return path;
    }
}
