namespace Cai.Core.Yaml;

/// <summary>A YAML file refused before parsing (invalid UTF-8, too deeply nested): <c>file:line:column: reason</c>.</summary>
public sealed class YamlInputException(string file, int line, int column, string reason, Exception? inner = null)
    : Exception($"{file}:{line}:{column}: {reason}", inner)
{
    /// <summary>The file as given.</summary>
    public string File { get; } = file;

    /// <summary>The 1-based line.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column.</summary>
    public int Column { get; } = column;

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; } = reason;
}
