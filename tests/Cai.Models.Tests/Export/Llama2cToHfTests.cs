using Cai.Models.Export;
using Cai.Models.Generation;
using Cai.Models.Hf;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Export;

[Collection(TorchCollection.Name)]
public sealed class Llama2cToHfTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-convert-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public void Convert_Stories260K_WritesHfFolderFiles()
    {
        var written = Llama2cToHf.Convert(Stories260K.ModelPath, tempDir);

        Assert.Equal(
            ["config.json", "generation_config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.bin",
                "tokenizer.json", "tokenizer_config.json"],
            written.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var config = HfConfigIO.ReadLlama(tempDir);
        Assert.Equal((64, 5, 512, 512), (config.HiddenSize, config.NumHiddenLayers, config.VocabSize, config.MaxPositionEmbeddings));
        Assert.Equal(File.ReadAllBytes(Stories260K.TokenizerPath), File.ReadAllBytes(Path.Combine(tempDir, "tokenizer.bin")));
        Assert.Equal([2], HfGenerationConfig.Read(tempDir).EosTokenIds);
    }

    [Fact]
    public void Convert_LoadedBack_GivesIdenticalLogitsAndGreedyText()
    {
        Llama2cToHf.Convert(Stories260K.ModelPath, tempDir);
        using var original = LocalModel.Load(Stories260K.ModelPath);
        using var converted = LocalModel.Load(tempDir);

        var ids = tensor(new long[] { 1, 403, 407, 261, 378, 432, 383, 286 }).unsqueeze(0);
        using (no_grad())
            Assert.Equal(0f, (converted.Module.Forward(ids) - original.Module.Forward(ids)).abs().max().item<float>());
        var greedy = new GenerationOptions { Temperature = 0, MaxNewTokens = 48 };
        Assert.Equal(original.Generate("", greedy).Text, converted.Generate("", greedy).Text);
        Assert.Equal(original.Info.ParameterCount, converted.Info.ParameterCount);
        Assert.Equal("plain", converted.ChatFormat.Name);
    }

    [Fact]
    public void Load_FolderWithTokenizerNamedByVocab_LoadsIt()
    {
        // cai train copies the tokenizer beside stories260K under its own name, tok512.bin.
        Llama2cToHf.Convert(Stories260K.ModelPath, tempDir);
        DeleteTokenizerJson();
        File.Move(Path.Combine(tempDir, "tokenizer.bin"), Path.Combine(tempDir, "tok512.bin"));

        using var model = LocalModel.Load(tempDir);

        Assert.Equal(Stories260K.Tokenizer.Encode("Once upon a time"), model.Tokenizer.Encode("Once upon a time"));
        Assert.Equal(512, model.Tokenizer.VocabSize);
    }

    [Fact]
    public void Load_FolderWithoutTokenizer_ThrowsNamingBothCandidates()
    {
        Llama2cToHf.Convert(Stories260K.ModelPath, tempDir);
        DeleteTokenizerJson();
        File.Delete(Path.Combine(tempDir, "tokenizer.bin"));

        var e = Assert.Throws<FileNotFoundException>(() => LocalModel.Load(tempDir));

        Assert.Contains("tokenizer.json", e.Message);
        Assert.Contains("tokenizer.bin", e.Message);
        Assert.Contains("tok512.bin", e.Message);
        Assert.Contains(tempDir, e.Message);
    }

    [Fact]
    public void Convert_MissingTokenizer_ThrowsBeforeWriting()
    {
        var bin = Path.Combine(tempDir, "lonely.bin");
        File.Copy(Stories260K.ModelPath, bin);
        var outDir = Path.Combine(tempDir, "out");

        var e = Assert.Throws<FileNotFoundException>(() => Llama2cToHf.Convert(bin, outDir));

        Assert.Contains("tok512.bin", e.Message);
        Assert.False(Directory.Exists(outDir));
    }

    void DeleteTokenizerJson()
    {
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json" })
            File.Delete(Path.Combine(tempDir, name));
    }
}
