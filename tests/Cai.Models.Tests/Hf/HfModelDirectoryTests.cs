using Cai.Models.Hf;

namespace Cai.Models.Tests.Hf;

public class HfModelDirectoryTests
{
    static string Folder(int vocabSize)
    {
        var dir = HfTestFiles.TempDir();
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(HfTestFiles.Data("tokenizers", "sentencepiece", file), Path.Combine(dir, file));
        HfConfigIO.Write(dir, new Cai.Models.Llama.LlamaConfig { VocabSize = vocabSize, HiddenSize = 8, IntermediateSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 2 });
        return dir;
    }

    [Fact]
    public void Load_Llama2StyleFolder_ReadsConfigTokenizerAndChatFormat()
    {
        var dir = Folder(vocabSize: 300);

        var model = HfModelDirectory.Load(dir);

        Assert.Equal(300, model.Config.VocabSize);
        Assert.Equal(1, model.Tokenizer.BosId);
        Assert.Equal("llama2", model.ChatFormat.Name);
        Assert.Null(model.Generation);
    }

    [Fact]
    public void Load_ConfigVocabSmallerThanTokenizer_ThrowsNamingVocabSize()
    {
        var e = Assert.Throws<HfFormatException>(() => HfModelDirectory.Load(Folder(vocabSize: 100)));

        Assert.Equal("vocab_size", e.Field);
    }
}
