using System.Diagnostics;
using System.Text.Json;
using Cai.TestKit;

namespace Cai.Models.Tests.Export;

/// <summary>
/// Hugging Face's own JavaScript tokenizer.json reader (tools/tokenizers-js), run with node: an implementation that
/// shares nothing with ours, so a file it encodes as llama2.c does is a file the HF ecosystem reads. .ci/run
/// installs its one package; on a fresh checkout the first use runs <c>npm ci</c> in that folder.
/// </summary>
internal static class TokenizersJs
{
    static readonly Lazy<string> Folder = new(Install);

    public sealed record Encoding(int[] Ids, string Decoded);

    /// <summary>Encodes <paramref name="texts"/> with the tokenizer.json and tokenizer_config.json of <paramref name="modelDir"/>.</summary>
    public static IReadOnlyList<Encoding> Encode(string modelDir, IReadOnlyList<string> texts)
    {
        var (code, stdout, stderr) = Run("node", Folder.Value, ["encode.mjs", modelDir], JsonSerializer.Serialize(texts));
        if (code != 0)
            throw new InvalidOperationException($"node encode.mjs exited {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.EnumerateArray().Select(e => new Encoding(
            e.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray(),
            e.GetProperty("decoded").GetString()!)).ToArray();
    }

    static string Install()
    {
        var folder = SharedData.Repo("tools", "tokenizers-js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@huggingface", "tokenizers")))
        {
            var (code, _, stderr) = Run("npm", folder, ["ci", "--no-audit", "--no-fund"], null);
            if (code != 0)
                throw new InvalidOperationException(
                    $"npm ci in {folder} failed ({code}); the check needs node and npm: {stderr}");
        }
        return folder;
    }

    static (int Code, string Stdout, string Stderr) Run(string file, string workingDir, string[] args, string? stdin)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
