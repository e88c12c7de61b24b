using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Secrets;
using Cai.Core.Storage;

namespace Cai.Core.Runs;

/// <summary>Saves and loads <c>manifest.json</c> in a run directory; saving is atomic (temp file and rename).</summary>
public static class RunManifestFile
{
    /// <summary>The manifest's file name inside a run directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Writes <paramref name="manifest"/> to <c>&lt;runDir&gt;/manifest.json</c>, replacing any older one atomically.</summary>
    public static Task SaveAsync(RunManifest manifest, string runDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var json = SecretRedactor.Process.Redact(JsonSerializer.Serialize(manifest, CaiJson.Indented)) + "\n";
        return AtomicFile.WriteAllTextAsync(Path.Combine(runDir, FileName), json, cancellationToken);
    }

    /// <summary>Reads <c>&lt;runDir&gt;/manifest.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The run directory has no manifest.</exception>
    /// <exception cref="InvalidDataException">The manifest is not valid; the message names file, line and field.</exception>
    public static async Task<RunManifest> LoadAsync(string runDir, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Run manifest not found: '{path}'", path);
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<RunManifest>(stream, CaiJson.Options, cancellationToken)
                       .ConfigureAwait(false)
                   ?? throw new InvalidDataException($"{path}:1: expected a JSON object, got null");
        }
        catch (JsonException ex)
        {
            var (field, reason) = JsonErrors.Describe(ex);
            var line = (ex.LineNumber ?? 0) + 1;
            throw new InvalidDataException(field == "$" ? $"{path}:{line}: {reason}" : $"{path}:{line}: {reason} (field '{field}')", ex);
        }
    }
}
