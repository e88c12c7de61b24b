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
        var reader = new YamlReader(path, environment ?? Environment.GetEnvironmentVariable);
        return reader.ReadFile() is { } text ? Parse(text, reader, overrides) : throw new PipelineConfigException(reader.Diagnostics);
    }

    /// <summary>Parses config text; <paramref name="path"/> names the file and anchors relative paths.</summary>
    public static PipelineConfig Parse(string yaml, string path, IEnumerable<string>? overrides = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(yaml, new YamlReader(path, environment ?? Environment.GetEnvironmentVariable), overrides);
    }

    static PipelineConfig Parse(string yaml, YamlReader reader, IEnumerable<string>? overrides)
    {
        var stream = reader.Load(yaml) ?? throw new PipelineConfigException(reader.Diagnostics);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(new Mark(0, 1, 1), "", "expected one YAML document holding a mapping");
            throw new PipelineConfigException(reader.Diagnostics);
        }
        reader.Overrides = ConfigOverrides.Apply(root, overrides ?? []);
        var path = Path.GetFullPath(reader.File);
        var config = new PipelineConfigParser(reader, Path.GetDirectoryName(path)!, path).Parse(root);
        if (reader.Diagnostics.Count > 0 || config is null)
            throw new PipelineConfigException([.. reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)]);
        return config;
    }
}
