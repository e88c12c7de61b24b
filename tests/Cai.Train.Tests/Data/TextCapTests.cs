using System.Text;
using System.Text.Json;
using Cai.Models.Chat;
using Cai.Models.Tokenizers;
using Cai.Train.Data;

namespace Cai.Train.Tests.Data;

/// <summary>
/// Training text is cut to what <c>max_length</c> can use before the tokenizer sees it: a 50 MB line no longer hands
/// the (quadratic) llama2.c merge 50 MB, and the kept tokens are the same as tokenizing everything and truncating.
/// </summary>
public sealed class TextCapTests : IDisposable
{
    const int MaxLength = 64;
    readonly string dir = Stories.TempDir();

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>The real tokenizer behind a recorder of the longest text it was asked to encode; refuses more than a bound.</summary>
    sealed class CountingTokenizer(ITextTokenizer inner, long refuseAbove) : ITextTokenizer
    {
        public long Longest { get; private set; }
        public int VocabSize => inner.VocabSize;
        public int? BosId => inner.BosId;
        public int EosId => inner.EosId;
        public string Decode(IEnumerable<int> ids) => inner.Decode(ids);

        public IReadOnlyList<int> Encode(string text, bool addBos = true)
        {
            Longest = Math.Max(Longest, text.Length);
            // Failing here instead of encoding keeps an uncapped 50 MB text from running for hours.
            Assert.True(text.Length <= refuseAbove, $"the tokenizer was handed {text.Length} characters");
            return inner.Encode(text, addBos);
        }
    }

    [Fact]
    public void Tokenize_50MegabyteTrainingLine_TokenizerSeesAtMostMaxLengthTimesBudget()
    {
        var huge = string.Concat(Enumerable.Repeat("the little dog ran home. ", 2_000_000)); // 50,000,000 characters
        var path = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            prompt = new[] { new { role = "user", content = huge } },
            chosen = new[] { new { role = "assistant", content = huge } },
            rejected = new[] { new { role = "assistant", content = "No." } },
        }) + "\n", new UTF8Encoding(false));
        var bound = TextBudget.MaxChars(MaxLength) * 2 + 200; // capped prompt + capped completion + chat headers
        var tokenizer = new CountingTokenizer(Stories.Tokenizer, bound);
        var report = new DataReport();

        var examples = PreferenceDataReader.Read(path, report);
        var pairs = PreferenceDataset.Tokenize(examples, new CompletionTokenizer(new PlainChatFormat(), tokenizer),
            new SequenceLimits(MaxLength, MaxLength / 2), report, path);

        var pair = Assert.Single(pairs);
        Assert.Equal(1, report.Truncated);
        Assert.InRange(tokenizer.Longest, 1, bound);
        Assert.True(pair.Prompt.Length + pair.Chosen.Length <= MaxLength);
    }

    [Fact]
    public void Tokenize_LongTextWithLimits_SameTokensAsTokenizingAllThenTruncating()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => $"Lily saw {i} birds. "));
        var example = new KtoExample("k", 1, [ChatTurn.User("Intro. " + text)], [ChatTurn.Assistant(text + " The end.")], true);
        var tokenizer = new CompletionTokenizer(new PlainChatFormat(), Stories.Tokenizer);
        var limits = new SequenceLimits(MaxLength, MaxLength / 2);
        Assert.True(text.Length > TextBudget.MaxChars(MaxLength)); // the cap applies

        var capped = CompletionDataset.Tokenize([example], tokenizer, limits, new DataReport(), "f").Single();
        var whole = tokenizer.Encode(example.Prompt, example.Completion)!.Value;
        var (prompt, completions, _) = limits.Apply(whole.Prompt, [whole.Completion]);

        Assert.Equal(prompt, capped.Prompt);
        Assert.Equal(completions[0], capped.Completion);
    }
}
