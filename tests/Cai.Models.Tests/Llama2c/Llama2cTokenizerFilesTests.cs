using Cai.Models.Llama2c;
using Cai.Models.Tests.Hf;

namespace Cai.Models.Tests.Llama2c;

public sealed class Llama2cTokenizerFilesTests
{
    readonly string dir = HfTestFiles.TempDir();

    string Touch(string name)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void Find_PrefersTheVocabularysOwnName_ThenTokenizerBin()
    {
        var checkpoint = Touch("model.bin");
        var shared = Touch("tokenizer.bin");
        Assert.Equal(shared, Llama2cTokenizerFiles.Find(checkpoint, 512));

        var own = Touch("tok512.bin");
        Assert.Equal(own, Llama2cTokenizerFiles.Find(checkpoint, 512));
        Assert.Equal(shared, Llama2cTokenizerFiles.Find(checkpoint, 32000));
    }

    [Fact]
    public void Find_NoneThere_NamesTheCheckpointAndEveryPathLookedAt()
    {
        var checkpoint = Touch("model.bin");

        var e = Assert.Throws<FileNotFoundException>(() => Llama2cTokenizerFiles.Find(checkpoint, 512));

        Assert.Equal($"No tokenizer for llama2.c model '{checkpoint}': looked for '{Path.Combine(dir, "tok512.bin")}' and " +
            $"'{Path.Combine(dir, "tokenizer.bin")}'.", e.Message);
    }

    [Fact]
    public void Find_AnExplicitPath_IsTheOnlyOneLookedAt()
    {
        var checkpoint = Touch("model.bin");
        Touch("tok512.bin");

        var e = Assert.Throws<FileNotFoundException>(() => Llama2cTokenizerFiles.Find(checkpoint, 512, Path.Combine(dir, "mine.bin")));

        Assert.Contains("looked for '" + Path.Combine(dir, "mine.bin") + "'.", e.Message);
    }
}
