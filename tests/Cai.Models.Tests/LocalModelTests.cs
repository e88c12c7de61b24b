using Cai.Models.Generation;
using Cai.Models.Llama;

namespace Cai.Models.Tests;

[Collection(TorchCollection.Name)]
public sealed class LocalModelTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-localmodel-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public void Load_Llama2cBin_FindsTokenizerBesideAndReportsInfo()
    {
        using var model = LocalModel.Load(Stories260K.ModelPath);
        Assert.Equal("stories260K", model.Id);
        Assert.Equal("llama", model.Info.Architecture);
        Assert.Equal(260_032, model.Info.ParameterCount);
        Assert.Equal(512, model.Info.MaxLength);
        Assert.Equal(64, Assert.IsType<LlamaConfig>(model.Info.Config).HiddenSize);
        Assert.Equal(512, model.Tokenizer.VocabSize);
    }

    [Fact]
    public void Generate_Greedy_MatchesGoldenText()
    {
        using var model = LocalModel.Load(Stories260K.ModelPath);
        var result = model.Generate("", new GenerationOptions { Temperature = 0, MaxNewTokens = 16 });
        Assert.StartsWith("Once upon a time, there was a little girl", result.Text);
    }

    [Fact]
    public void GenerateBatch_TwoPromptsTwoSamples_ReturnsFourInPromptOrder()
    {
        using var model = LocalModel.Load(Stories260K.ModelPath);
        var results = model.GenerateBatch(["Tom", "Lily"], new GenerationOptions { MaxNewTokens = 8, NumReturnSequences = 2 });
        Assert.Equal([0, 0, 1, 1], results.Select(r => r.PromptIndex));
        Assert.All(results, r => Assert.Equal(FinishReason.Length, r.FinishReason));
    }

    [Fact]
    public void Score_MatchesTextScorerThroughFacade()
    {
        using var model = LocalModel.Load(Stories260K.ModelPath);
        var score = model.Score("Once upon a", " time");
        Assert.Equal(1, score.TokenCount);
        Assert.Equal(403, model.NextTokenLogProbs("", 1).Single().Id);
    }

    [Fact]
    public void Load_BinWithoutTokenizerBeside_ThrowsNamingBothCandidates()
    {
        var bin = Path.Combine(tempDir, "model.bin");
        File.Copy(Stories260K.ModelPath, bin);
        var ex = Assert.Throws<FileNotFoundException>(() => LocalModel.Load(bin));
        Assert.Contains(Path.Combine(tempDir, "tok512.bin"), ex.Message);
        Assert.Contains(Path.Combine(tempDir, "tokenizer.bin"), ex.Message);
    }

    [Fact]
    public void Load_ExplicitTokenizerPath_IsUsed()
    {
        var bin = Path.Combine(tempDir, "model.bin");
        File.Copy(Stories260K.ModelPath, bin);
        using var model = LocalModel.Load(bin, Stories260K.TokenizerPath);
        Assert.Equal("model", model.Id);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingIt()
    {
        var path = Path.Combine(tempDir, "absent.bin");
        var ex = Assert.Throws<FileNotFoundException>(() => LocalModel.Load(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Load_UnknownFileType_ThrowsNotSupported()
    {
        var path = Path.Combine(tempDir, "weights.txt");
        File.WriteAllText(path, "x");
        var ex = Assert.Throws<NotSupportedException>(() => LocalModel.Load(path));
        Assert.Contains(path, ex.Message);
    }
}
