using Cai.Models.Chat;
using Cai.Train.Data;

namespace Cai.Train.Tests.Data;

public sealed class PromptDataReaderTests
{
    static string PromptFile()
    {
        var path = Path.Combine(Stories.TempDir(), "prompts.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "long", "prompt": "Tell me a long story about a small red fox who lived in a big green forest with many friends."}""",
            """{"id": "short", "prompt": "Hi."}""",
        ]);
        return path;
    }

    [Fact]
    public void Read_TruncateTo_KeepsBosAndTheEndOfLongerPrompts()
    {
        var path = PromptFile();
        var whole = PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out _);

        var keep = whole[1].Ids.Length; // the short prompt fits exactly; the long one is cut to it

        var cut = PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out var skipped, truncateTo: keep);

        Assert.Equal(0, skipped);
        Assert.True(whole[0].Ids.Length > keep, $"the long prompt has {whole[0].Ids.Length} tokens, the short one {keep}");
        int[] expected = [Stories.Tokenizer.BosId!.Value, .. whole[0].Ids[^(keep - 1)..]];
        Assert.Equal(expected, cut[0].Ids);
        Assert.Equal(whole[1].Ids, cut[1].Ids); // shorter prompts are left alone
    }

    [Fact]
    public void Read_PromptLongerThanTheLimitAfterTruncation_IsSkipped()
    {
        var path = PromptFile();
        var shortLength = PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out _)[1].Ids.Length;

        var cut = PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, shortLength, out var skipped, truncateTo: shortLength + 1);

        Assert.Equal(1, skipped);
        Assert.Equal("short", Assert.Single(cut).Record.Id);
    }

    [Fact]
    public void Read_Limit_TakesTheFirstRecordsAndNeverReadsALaterBadLine()
    {
        var path = Path.Combine(Stories.TempDir(), "limited.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "a", "prompt": "Once."}""",
            """{"id": "b", "prompt": "Twice."}""",
            """{"id": "c", "prompt": "Thrice."}""",
            """{"id": "bad", "prompt": 7}""",
        ]);

        var two = PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out _, limit: 2);

        Assert.Equal(["a", "b"], two.Select(p => p.Record.Id));
        Assert.Equal(3, PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out _, limit: 3).Count);
        var error = Assert.Throws<TrainingDataException>(() => PromptDataReader.Read(path, new PlainChatFormat(), Stories.Tokenizer, 512, out _, limit: 4));
        Assert.Contains($"{path}:4", error.Message);
    }
}
