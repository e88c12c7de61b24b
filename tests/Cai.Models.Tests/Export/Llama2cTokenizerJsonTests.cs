using System.Text;
using System.Text.Json;
using Cai.Models.Export;
using Cai.Models.Llama2c;
using Cai.Models.Tokenizers.Hf;
using Cai.TestKit;

namespace Cai.Models.Tests.Export;

public sealed class Llama2cTokenizerJsonTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-tokjson-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public void Write_Tok512_TokenizerJsonEncodesAndDecodesAsLlama2c()
    {
        var llama2c = Stories260K.Tokenizer;
        Llama2cTokenizerJson.Write(llama2c, tempDir, 512);
        var hf = HfTokenizer.Load(tempDir);

        AssertSameEncodings(llama2c, hf, Texts(llama2c, seed: 1, count: 400));
        Assert.Equal((1, 2, 512), (hf.BosId, hf.EosId, hf.VocabSize));
    }

    [Fact]
    public void Write_Llama2Tokenizer32000_TokenizerJsonEncodesAsLlama2c()
    {
        // run.c's 32000-token vocabulary is Llama 2's own: many more merges, multi-byte pieces, code points.
        var llama2c = Llama2cTokenizer.Load(SharedData.Require("anchors", "llama2.c", "tokenizer.bin"), 32000);
        Llama2cTokenizerJson.Write(llama2c, tempDir, 2048);
        var hf = HfTokenizer.Load(tempDir);

        AssertSameEncodings(llama2c, hf, Texts(llama2c, seed: 2, count: 200));
    }

    [Fact]
    public void Write_Tok512_HuggingFaceTokenizersJsEncodesAndDecodesAsLlama2c()
    {
        var llama2c = Stories260K.Tokenizer;
        Llama2cTokenizerJson.Write(llama2c, tempDir, 512);
        var texts = Texts(llama2c, seed: 3, count: 200).ToArray();

        var encoded = TokenizersJs.Encode(tempDir, texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var expected = llama2c.Encode(texts[i], addBos: true);
            Assert.True(expected.SequenceEqual(encoded[i].Ids), $"tokenizers.js encodes {JsonSerializer.Serialize(texts[i])} differently");
            Assert.Equal(llama2c.Decode(expected), encoded[i].Decoded);
        }
    }

    [Fact]
    public void Write_Files_CarryLlamaSettingsThatTransformersReads()
    {
        var written = Llama2cTokenizerJson.Write(Stories260K.Tokenizer, tempDir, 512);

        Assert.Equal(["special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"],
            written.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(tempDir, "tokenizer_config.json")));
        Assert.Equal("LlamaTokenizerFast", config.RootElement.GetProperty("tokenizer_class").GetString());
        Assert.Equal(512, config.RootElement.GetProperty("model_max_length").GetInt32());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(tempDir, "tokenizer.json")));
        var model = json.RootElement.GetProperty("model");
        Assert.Equal("BPE", model.GetProperty("type").GetString());
        Assert.True(model.GetProperty("byte_fallback").GetBoolean());
        Assert.Equal(512, model.GetProperty("vocab").EnumerateObject().Count());
        Assert.Equal("<0x0A>", model.GetProperty("vocab").EnumerateObject().Single(p => p.Value.GetInt32() == 13).Name);
        // Every merge joins two vocabulary pieces into a third.
        var vocab = model.GetProperty("vocab").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var merge in model.GetProperty("merges").EnumerateArray())
        {
            var (left, right) = (merge[0].GetString()!, merge[1].GetString()!);
            Assert.Contains(left, vocab);
            Assert.Contains(right, vocab);
            Assert.Contains(left + right, vocab);
        }
    }

    [Fact]
    public void Merges_OrderedByMergedPieceScore()
    {
        var llama2c = Stories260K.Tokenizer;
        var pieces = Enumerable.Range(0, llama2c.VocabSize)
            .Select(id => Encoding.UTF8.GetString(llama2c.PieceBytes(id)).Replace(" ", "\u2581")).ToArray();
        var scoreOf = Enumerable.Range(259, llama2c.VocabSize - 259).ToDictionary(id => pieces[id], llama2c.Score);

        var scores = Llama2cTokenizerJson.Merges(llama2c, pieces).Select(m => scoreOf[m.Left + m.Right]).ToArray();

        Assert.NotEmpty(scores);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    static void AssertSameEncodings(Llama2cTokenizer llama2c, HfTokenizer hf, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var expected = llama2c.Encode(text, addBos: true);
            Assert.True(expected.SequenceEqual(hf.Encode(text, addBos: true)), $"encodings differ for {JsonSerializer.Serialize(text)}");
            Assert.Equal(llama2c.Decode(expected), hf.Decode(expected));
        }
    }

    // Stories-like text made of the vocabulary's own pieces (so long merges happen), with spaces, newlines, digits,
    // punctuation, accents, CJK and emoji (byte fallback) mixed in; the empty string and a lone space too.
    static IEnumerable<string> Texts(Llama2cTokenizer tokenizer, int seed, int count)
    {
        yield return "";
        yield return " ";
        yield return "Once upon a time, there was a little girl named Lily.";
        string[] extras = [" ", "  ", "\n", "\n\n", ".", ",", "!", "\"", "'", "42", "café", "naïve", "日本語", "🙂", "\t", "ß", "Ω"];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            var parts = random.Next(1, 40);
            for (var p = 0; p < parts; p++)
                text.Append(random.Next(4) == 0
                    ? extras[random.Next(extras.Length)]
                    : Encoding.UTF8.GetString(tokenizer.PieceBytes(random.Next(259, tokenizer.VocabSize))));
            yield return text.ToString();
        }
    }
}
