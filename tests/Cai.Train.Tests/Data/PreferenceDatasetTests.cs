using Cai.Models.Chat;
using Cai.Train.Data;
using Cai.Train.Options;

namespace Cai.Train.Tests.Data;

public sealed class PreferenceDatasetTests
{
    static readonly CompletionTokenizer Tokenizer = new(new PlainChatFormat(), Stories.Tokenizer);

    static PreferenceExample Pair(string prompt, string chosen, string rejected, int line = 1) =>
        new($"p{line}", line, [ChatTurn.User(prompt)], [ChatTurn.Assistant(chosen)], [ChatTurn.Assistant(rejected)]);

    [Fact]
    public void Tokenize_ShortPair_PromptIsGenerationPromptAndCompletionIsAnswerPlusEos()
    {
        var example = Pair("Hi there", "Hello friend", "Go");

        var pair = PreferenceDataset.Tokenize([example], Tokenizer, new SequenceLimits(null), new DataReport(), "f").Single();

        var generationPrompt = new PlainChatFormat().Encode([ChatTurn.User("Hi there")], Stories.Tokenizer, addGenerationPrompt: true).Ids;
        Assert.Equal(generationPrompt, pair.Prompt);
        Assert.Equal("Hello friend\n", Stories.Tokenizer.Decode(pair.Chosen[..^1]));
        Assert.Equal(Stories.Tokenizer.EosId, pair.Chosen[^1]);
        Assert.Equal(Stories.Tokenizer.EosId, pair.Rejected[^1]);
        Assert.Equal("User: Hi there\nAssistant:", Stories.Tokenizer.Decode(pair.Prompt).TrimStart());
    }

    [Fact]
    public void Tokenize_CaiRunExport_KeepsEachPairsLabelProbAndReportsThem()
    {
        // Lines as `cai run` exports them: TRL's columns plus id, source, label_prob, principle_ids and lineage.
        var path = Path.Combine(Stories.TempDir(), "train.jsonl");
        File.WriteAllLines(path,
        [
            """{"id":"q1-s0|q1-s1","prompt":[{"role":"user","content":"Hi"}],"chosen":[{"role":"assistant","content":"Hello"}],"rejected":[{"role":"assistant","content":"Go"}],"source":"feedback","label_prob":0.6666666666666666,"principle_ids":["calm-tone"],"lineage":{"constitution":"kind-stories","seed":7}}""",
            """{"id":"q2-s0","prompt":[{"role":"user","content":"Hey"}],"chosen":[{"role":"assistant","content":"Kind"}],"rejected":[{"role":"assistant","content":"Rude"}],"source":"revision","principle_ids":["no-violence"]}""",
            """{"id":"q3-s0|q3-s1","prompt":[{"role":"user","content":"Yo"}],"chosen":[{"role":"assistant","content":"Calm"}],"rejected":[{"role":"assistant","content":"Loud"}],"source":"feedback","label_prob":0.9}""",
        ]);
        var report = new DataReport();

        var pairs = PreferenceDataset.Tokenize(PreferenceDataReader.Read(path, report), Tokenizer, new SequenceLimits(null), report, path);

        Assert.Equal([("q1-s0|q1-s1", 0.6666666666666666), ("q2-s0", 1.0), ("q3-s0|q3-s1", 0.9)], pairs.Select(p => (p.Id, p.LabelProb)));
        Assert.Equal(2, report.SoftLabels);
        Assert.Equal((0.6666666666666666 + 0.9) / 2, report.MeanLabelProb);
        Assert.EndsWith("label_prob on 2 (mean 0.783333, min 0.666667, max 0.9)", report.ToString());
    }

    [Theory]
    [InlineData("Hello friend")]
    [InlineData(" Hello friend")]
    public void Tokenize_StoriesPair_CompletionIsTheTokensGeneratedAfterTheHeader(string answer)
    {
        // The text as the model saw it while generating: BOS, prompt, header, answer (one dummy-prefix space in all).
        var generated = Stories.Tokenizer.Encode("User: Hi there\nAssistant: Hello friend\n", addBos: true);

        var pair = PreferenceDataset.Tokenize([Pair("Hi there", answer, "Go")], Tokenizer, new SequenceLimits(null), new DataReport(), "f").Single();

        Assert.Equal(generated, pair.Prompt.Concat(pair.Chosen[..^1]));
    }

    [Theory]
    [InlineData(TruncationMode.KeepEnd)]
    [InlineData(TruncationMode.KeepStart)]
    public void Tokenize_LongPrompt_TruncatesPromptByModeAndCountsIt(TruncationMode mode)
    {
        var longPrompt = string.Join(' ', Enumerable.Repeat("the little dog ran home", 20));
        var full = PreferenceDataset.Tokenize([Pair(longPrompt, "Yes", "No")], Tokenizer, new SequenceLimits(null), new DataReport(), "f")[0];
        var report = new DataReport();

        var pair = PreferenceDataset.Tokenize([Pair(longPrompt, "Yes", "No")], Tokenizer, new SequenceLimits(32, 16, null, mode), report, "f")[0];

        Assert.Equal(16, pair.Prompt.Length);
        Assert.Equal(mode == TruncationMode.KeepEnd ? full.Prompt[^16..] : full.Prompt[..16], pair.Prompt);
        Assert.Equal(full.Chosen, pair.Chosen);
        Assert.Equal((1, 1), (report.Truncated, report.Used));
    }

    [Fact]
    public void Tokenize_EmptyCompletionOrNoRoomLeft_DropsWithReasons()
    {
        var report = new DataReport();

        var pairs = PreferenceDataset.Tokenize([Pair("Hi", "  ", "No", line: 7), Pair(new string('a', 200), "Yes", "No", line: 9)],
            Tokenizer, new SequenceLimits(8, null), report, "data.jsonl");

        Assert.Empty(pairs);
        Assert.Equal(1, report.Dropped["empty completion"]);
        Assert.Equal(1, report.Dropped["empty completion after truncation"]);
        Assert.StartsWith("data.jsonl:7: empty completion", report.Problems[0]);
        Assert.StartsWith("data.jsonl:9:", report.Problems[1]);
    }

    [Fact]
    public void Tokenize_LongCompletion_CutsCompletionToFitMaxLength()
    {
        var report = new DataReport();

        var pair = PreferenceDataset.Tokenize([Pair("Hi", string.Join(' ', Enumerable.Repeat("happy", 60)), "No")], Tokenizer,
            new SequenceLimits(24, 12), report, "f")[0];

        Assert.True(pair.Prompt.Length + pair.Chosen.Length <= 24);
        Assert.Equal(1, report.Truncated);
    }
}
