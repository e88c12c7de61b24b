using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Secrets;
using Cai.Core.Storage;

namespace Cai.Pipeline.Evaluation;

/// <summary>Writes and reads <c>eval.json</c> (snake_case, indented, written atomically).</summary>
public static class EvalReportFile
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>, creating its folder.</summary>
    public static async Task SaveAsync(EvalReport report, string path, CancellationToken cancellationToken = default)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        await AtomicFile.WriteAllTextAsync(path, SecretRedactor.Process.Redact(JsonSerializer.Serialize(report, CaiJson.Indented)) + "\n", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads an eval report.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an eval report; the message names file, line and field.</exception>
    public static EvalReport Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Eval report not found: '{path}'", path);
        try
        {
            return JsonSerializer.Deserialize<EvalReport>(File.ReadAllText(path), CaiJson.Options)
                   ?? throw new InvalidDataException($"{path}:1: expected a JSON object, got null");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? $" (field '{p[2..]}')" : "";
            throw new InvalidDataException($"{path}:{(ex.LineNumber ?? 0) + 1}: not a valid eval report: {ex.Message}{field}", ex);
        }
    }
}
