using Cai.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Reads a pipeline YAML file (snake_case keys) into a <see cref="PipelineConfig"/>. Every unknown key and bad
/// value is reported at once as <c>file:line:column: field: message</c>; relative paths (prompts, constitution,
/// run_dir, <c>local:</c> model paths) resolve against the config file's folder; scalars may read environment
/// variables as <c>${VAR}</c> or <c>${VAR:-default}</c>.
/// </summary>
public static class PipelineConfigLoader
{
    /// <summary>Loads <paramref name="path"/>, applying <paramref name="overrides"/> (<c>key.path=value</c>) first.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PipelineConfigException">The file is invalid; the message lists every problem.</exception>
    public static PipelineConfig Load(string path, IEnumerable<string>? overrides = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Pipeline config not found: '{path}'", path);
        string text;
        try
        {
            text = YamlInput.ReadFile(path);
        }
        catch (YamlInputException ex)
        {
            throw new PipelineConfigException([new ConfigDiagnostic(path, ex.Line, ex.Column, ex.Reason)]);
        }
        return Parse(text, path, overrides, environment);
    }

    /// <summary>Parses config text; <paramref name="path"/> names the file and anchors relative paths.</summary>
    public static PipelineConfig Parse(string yaml, string path, IEnumerable<string>? overrides = null,
        Func<string, string?>? environment = null)
    {
        var reader = new ConfigReader(path, environment ?? Environment.GetEnvironmentVariable);
        YamlStream stream;
        try
        {
            stream = YamlInput.Load(yaml, path);
        }
        catch (YamlInputException ex)
        {
            reader.Error(new Mark(0, ex.Line, ex.Column), "", ex.Reason);
            throw new PipelineConfigException(reader.Diagnostics);
        }
        catch (YamlException ex)
        {
            var message = ex.Message;
            var i = message.IndexOf("): ", StringComparison.Ordinal);
            reader.Error(ex.Start, "", "YAML syntax error: " + (message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message));
            throw new PipelineConfigException(reader.Diagnostics);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(new Mark(0, 1, 1), "", "expected one YAML document holding a mapping");
            throw new PipelineConfigException(reader.Diagnostics);
        }
        reader.Overrides = ConfigOverrides.Apply(root, overrides ?? []);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = new PipelineConfigParser(reader, folder, Path.GetFullPath(path)).Parse(root);
        if (reader.Diagnostics.Count > 0 || config is null)
            throw new PipelineConfigException([.. reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)]);
        return config;
    }
}
