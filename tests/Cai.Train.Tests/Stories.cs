using Cai.Models;
using Cai.Models.Chat;
using Cai.Models.Llama;
using Cai.Models.Llama2c;
using Cai.TestKit;
using Cai.Train.Data;

namespace Cai.Train.Tests;

/// <summary>stories260K and tiny preference pairs for trainer tests; every call loads a fresh model (milliseconds).</summary>
internal static class Stories
{
    static readonly Lazy<Llama2cTokenizer> LazyTokenizer = new(() => Llama2cTokenizer.Load(TokenizerPath, 512));

    public static string ModelPath => SharedData.Require("models", "stories260K", "stories260K.bin");

    public static string TokenizerPath => SharedData.Require("models", "stories260K", "tok512.bin");

    public static Llama2cTokenizer Tokenizer => LazyTokenizer.Value;

    public static LlamaForCausalLM Model() => Llama2cCheckpoint.Load(ModelPath);

    static readonly string[] Subjects = ["Lily", "Tom", "the cat", "a bird", "Ben", "the dog", "Sue", "a frog", "Max", "the sun"];

    /// <summary><paramref name="count"/> distinct pairs: chosen answers are kind, rejected ones are not.</summary>
    public static IReadOnlyList<TokenizedPair> Pairs(int count, int maxLength = 64)
    {
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            var who = Subjects[i % Subjects.Length];
            return new PreferenceExample($"p{i}", i + 1, [ChatTurn.User($"Tell me about {who} and day {i}.")],
                [ChatTurn.Assistant($"{who} was happy and shared a toy.")], [ChatTurn.Assistant($"{who} was sad and hit a friend {i} times.")]);
        }).ToArray();
        var report = new DataReport();
        var pairs = PreferenceDataset.Tokenize(examples, new CompletionTokenizer(new PlainChatFormat(), Tokenizer),
            new SequenceLimits(maxLength, maxLength / 2), report, "fixture");
        Assert.Equal(count, pairs.Count);
        return pairs;
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cai-train-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
