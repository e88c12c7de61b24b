using Cai.Core.Yaml;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>
/// Reads trainer options from a YAML file of TRL snake_case keys (<c>beta: 0.1</c>, <c>loss_type: ipo</c>,
/// <c>learning_rate: 5e-7</c>) straight onto the options record, whose initializers are the defaults. Every unknown
/// key and bad value is a <see cref="CliException"/> line naming file, line, column and key.
/// </summary>
internal static class TrainConfigFile
{
    public static T Load<T>(string? path) where T : TrainingOptions, new()
    {
        if (path is null)
            return new T();
        if (!File.Exists(path))
            throw new FileNotFoundException($"config file not found: '{path}'", path);
        var reader = new YamlReader(path);
        var options = reader.BindFile<T>();
        return reader.Diagnostics.Count == 0
            ? options
            : throw new CliException(string.Join(Environment.NewLine, reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)));
    }
}
