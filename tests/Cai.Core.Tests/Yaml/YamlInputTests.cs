using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Tests.Yaml;

public sealed class YamlInputTests
{
    static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void Load_AtTheDepthLimit_Parses()
    {
        var stream = YamlInput.Load(Nested(YamlInput.MaxDepth), "f.yaml");

        Assert.IsType<YamlSequenceNode>(stream.Documents[0].RootNode);
    }

    [Fact]
    public void Load_OneLevelDeeper_RefusedAtTheNodeThatGoesTooDeep()
    {
        var error = Assert.Throws<YamlInputException>(() => YamlInput.Load(Nested(YamlInput.MaxDepth + 1), "f.yaml"));

        Assert.Equal("f.yaml:1:65: nesting deeper than 64 levels of mappings and lists", error.Message);
    }

    [Fact]
    public void Load_BlockMappingsNestedTooDeep_Refused()
    {
        var yaml = string.Concat(Enumerable.Range(0, 70).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 70) + "v\n";

        var error = Assert.Throws<YamlInputException>(() => YamlInput.Load(yaml, "deep.yaml"));

        Assert.StartsWith("deep.yaml:65:", error.Message);
    }

    [Fact]
    public void ReadFile_InvalidUtf8_FileLineColumn()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [.. "a: 1\nb: x"u8, 0xC0, 0xAF, .. "\n"u8]);
        try
        {
            var error = Assert.Throws<YamlInputException>(() => YamlInput.ReadFile(path));

            Assert.Equal($"{path}:2:5: invalid UTF-8 byte 0xC0; save the file as UTF-8", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
