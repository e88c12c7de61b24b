using System.Text;
using Cai.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Yaml;

/// <summary>
/// The one reading step every YAML file of cai (constitutions, pipeline configs, training configs) goes through
/// before its nodes are built: strict UTF-8 and a nesting limit, each failing as one <c>file:line:column</c> line.
/// YamlDotNet builds its node tree recursively, so a file nested tens of thousands of levels deep would overflow the
/// stack and kill the process; the limit is checked first on the parser's flat event stream, which does not recurse.
/// </summary>
public static class YamlInput
{
    /// <summary>The deepest nesting of mappings and lists accepted (no cai file comes near it).</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads <paramref name="path"/> as strict UTF-8.</summary>
    /// <exception cref="YamlInputException">An invalid UTF-8 byte, with its line and column.</exception>
    public static string ReadFile(string path)
    {
        var bytes = StrictUtf8.SkipByteOrderMark(File.ReadAllBytes(path));
        if (StrictUtf8.FindInvalid(bytes) is { } bad)
            throw new YamlInputException(path, bad.Line, bad.Column, StrictUtf8.Describe(bad.Byte));
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Parses <paramref name="text"/> into a <see cref="YamlStream"/> after checking its nesting depth.</summary>
    /// <exception cref="YamlInputException">Nesting deeper than <see cref="MaxDepth"/>, at the node that goes too deep.</exception>
    /// <exception cref="YamlException">A YAML syntax error (callers report it with its mark).</exception>
    public static YamlStream Load(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckDepth(text, file);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream;
    }

    static void CheckDepth(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    var mark = parser.Current.Start;
                    throw new YamlInputException(file, (int)mark.Line, (int)mark.Column,
                        $"nesting deeper than {MaxDepth} levels of mappings and lists");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }
}
