using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

public sealed class HhhReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-hhh-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Read_PaperFile_Reads438ComparisonsWithLetterOptions()
    {
        var items = HhhReader.Read(EvalFixtures.HhhPath);

        Assert.Equal(438, items.Count);
        Assert.All(items, i => Assert.EndsWith("The answer is:", i.Prompt));
        Assert.Equal(" (B)", items[0].Corrects.Single());
        Assert.Equal(" (A)", items[0].Incorrects.Single());
    }

    [Fact]
    public void Read_WithLimit_StopsAtLimit() => Assert.Equal(5, HhhReader.Read(EvalFixtures.HhhPath, 5).Count);

    [Fact]
    public void Read_LineWithoutCorrects_ThrowsNamingFileLineAndField()
    {
        var path = Path.Combine(dir, "bad.jsonl");
        File.WriteAllLines(path,
        [
            """{"prompt": "Q1 The answer is:", "corrects": [" (A)"], "incorrects": [" (B)"]}""",
            """{"prompt": "Q2 The answer is:", "corrects": [], "incorrects": [" (B)"]}""",
        ]);

        var ex = Assert.Throws<InvalidDataException>(() => HhhReader.Read(path));

        Assert.Contains($"{path}:2:", ex.Message);
        Assert.Contains("corrects", ex.Message);
    }
}
