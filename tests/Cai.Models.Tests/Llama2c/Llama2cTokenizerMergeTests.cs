using System.Diagnostics;
using System.Text;
using Cai.Models.Llama2c;
using Cai.TestKit;
using Xunit.Abstractions;

namespace Cai.Models.Tests.Llama2c;

/// <summary>
/// The linear-time merge against the quadratic one it replaced, kept here as the reference: run.c's loop, rescanning
/// every adjacent pair for the best merge after each merge.
/// </summary>
public class Llama2cTokenizerMergeTests(ITestOutputHelper output)
{
    static Llama2cTokenizer Tokenizer32K => Llama2cTokenizer.Load(SharedData.Require("anchors", "llama2.c", "tokenizer.bin"), 32000);

    [Theory]
    [InlineData(512, 1)]
    [InlineData(512, 2)]
    [InlineData(32000, 3)]
    [InlineData(32000, 4)]
    public void Encode_RandomText_SameIdsAsQuadraticReference(int vocab, int seed)
    {
        var tokenizer = vocab == 512 ? Stories260K.Tokenizer : Tokenizer32K;
        var text = StoryText.Random(new Random(seed), 5_000);
        Assert.Equal(ReferenceEncode(tokenizer, text), tokenizer.Encode(text));
    }

    // Without spaces the text splits into few segments (a boundary is only where no piece holds the two bytes around
    // it), so the long segments go through the heap rather than the short rescan.
    [Theory]
    [InlineData(512, 6)]
    [InlineData(32000, 7)]
    public void Encode_RandomTextWithoutSpaces_SameIdsAsQuadraticReference(int vocab, int seed)
    {
        var tokenizer = vocab == 512 ? Stories260K.Tokenizer : Tokenizer32K;
        var text = StoryText.Random(new Random(seed), 4_000).Replace(" ", "");
        Assert.Equal(ReferenceEncode(tokenizer, text), tokenizer.Encode(text));
    }

    // Runs of one letter around the length where the short rescan hands over to the heap, each run its own segment (with
    // the 32,000 vocabulary; tok512 has no "aa" or "ss" and splits them into single letters), and one long run: equal
    // scores everywhere, so the heap's order among ties decides.
    [Theory]
    [InlineData(512)]
    [InlineData(32000)]
    public void Encode_RunsAroundSegmentThreshold_SameIdsAsQuadraticReference(int vocab)
    {
        var tokenizer = vocab == 512 ? Stories260K.Tokenizer : Tokenizer32K;
        var text = string.Join(" ", Enumerable.Range(1, 70).Select(n => new string(n % 2 == 0 ? 'a' : 's', n))) + " " + new string('a', 1500);
        Assert.Equal(ReferenceEncode(tokenizer, text), tokenizer.Encode(text));
        Assert.Equal(ReferenceEncode(tokenizer, text).Skip(1), tokenizer.Encode(text, addBos: false));
    }

    [Theory]
    [InlineData(512)]
    [InlineData(32000)]
    public void Encode_UnpairedSurrogates_SameIdsAsQuadraticReference(int vocab)
    {
        var tokenizer = vocab == 512 ? Stories260K.Tokenizer : Tokenizer32K;
        var text = "a\uD800b \uDC00 x\uD83D\uDE00y \uDE00\uD83D end\uD800";
        Assert.Equal(ReferenceEncode(tokenizer, text), tokenizer.Encode(text));
    }

    [Fact]
    public void Encode_OneMegabyte_Finishes()
    {
        // Measured, not asserted: the reference took 5.4 s for 16k characters (issue 13).
        var text = StoryText.Random(new Random(5), 1_000_000);
        var tokenizer = Stories260K.Tokenizer;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var ids = tokenizer.Encode(text);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"1 MB: {ids.Count} ids in {clock.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU (process)");
        Assert.Equal(text, Stories260K.Tokenizer.Decode(ids));
    }

    static IReadOnlyList<int> ReferenceEncode(Llama2cTokenizer tokenizer, string text)
    {
        var pieces = Enumerable.Range(0, tokenizer.VocabSize).Select(i => Encoding.Latin1.GetString(tokenizer.PieceBytes(i))).ToArray();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
            ids.TryAdd(pieces[i], i);
        var tokens = new List<int> { 1 };
        foreach (var rune in (" " + text).EnumerateRunes())
        {
            var utf8 = new byte[rune.Utf8SequenceLength];
            rune.EncodeToUtf8(utf8);
            if (ids.TryGetValue(Encoding.Latin1.GetString(utf8), out var id))
                tokens.Add(id);
            else
                tokens.AddRange(utf8.Select(b => b + 3));
        }
        while (true)
        {
            var (bestScore, bestId, bestIndex) = (float.NegativeInfinity, -1, -1);
            for (var i = 1; i < tokens.Count - 1; i++)
                if (ids.TryGetValue(pieces[tokens[i]] + pieces[tokens[i + 1]], out var id) && tokenizer.Score(id) > bestScore)
                    (bestScore, bestId, bestIndex) = (tokenizer.Score(id), id, i);
            if (bestIndex < 0)
                return tokens;
            tokens[bestIndex] = bestId;
            tokens.RemoveAt(bestIndex + 1);
        }
    }
}
