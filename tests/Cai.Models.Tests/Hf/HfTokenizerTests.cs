using Cai.Models.Hf;
using Cai.Models.Tokenizers.Hf;

namespace Cai.Models.Tests.Hf;

/// <summary>
/// Expected ids are worked out by hand from the fixtures that TestData/Hf/tokenizers/make_fixtures.py writes
/// (byte-level: ids 0..255 are GPT-2's byte characters, 't' = 116 - 33 = 83; merges give he 257, Ġthe 258, Ġcat
/// 261; SentencePiece: &lt;0xXX&gt; = 3 + byte, ▁ 259 ... ▁hello 271).
/// </summary>
public class HfTokenizerTests
{
    static readonly HfTokenizer ByteLevel = HfTokenizer.Load(HfTestFiles.Data("tokenizers", "bytelevel"));
    static readonly HfTokenizer SentencePiece = HfTokenizer.Load(HfTestFiles.Data("tokenizers", "sentencepiece"));

    [Fact]
    public void Load_ByteLevel_ReadsSpecialTokensWithoutBos()
    {
        Assert.Equal(263, ByteLevel.VocabSize);
        Assert.Equal(262, ByteLevel.EosId);
        Assert.Null(ByteLevel.BosId); // GPT-2 names a bos_token but never prepends it
        Assert.Equal("<|endoftext|>", ByteLevel.BosToken);
        Assert.Null(ByteLevel.ChatTemplate);
    }

    [Theory]
    [InlineData("the cat", new[] { 83, 257, 261 })]
    [InlineData(" the", new[] { 258 })]
    [InlineData("é", new[] { 127, 102 })]
    [InlineData("the cat<|endoftext|>", new[] { 83, 257, 261, 262 })]
    public void Encode_ByteLevel_MergesByRank(string text, int[] expected) =>
        Assert.Equal(expected, ByteLevel.Encode(text));

    [Theory]
    [InlineData("the cat sat on the mat.")]
    [InlineData("Grüße, 世界! 🙂 naïve\n\ttabs  and  spaces")]
    [InlineData("the cat<|endoftext|> the end")]
    public void EncodeDecode_ByteLevel_RoundTrips(string text) =>
        Assert.Equal(text.Replace("<|endoftext|>", ""), ByteLevel.Decode(ByteLevel.Encode(text)));

    [Fact]
    public void Load_SentencePiece_ReadsBosEosAndTemplate()
    {
        Assert.Equal(1, SentencePiece.BosId);
        Assert.Equal(2, SentencePiece.EosId);
        Assert.Contains("[INST]", SentencePiece.ChatTemplate);
        Assert.Equal(271, SentencePiece.TokenToId("▁hello"));
    }

    [Theory]
    [InlineData("hello world", new[] { 1, 271, 259, 264, 263, 265, 262, 266 })]
    [InlineData("hé", new[] { 1, 267, 198, 172 })]
    [InlineData("🙂", new[] { 1, 259, 243, 162, 156, 133 })]
    [InlineData("hello</s>", new[] { 1, 271, 2 })]
    public void Encode_SentencePiece_MergesAndFallsBackToBytes(string text, int[] expected) =>
        Assert.Equal(expected, SentencePiece.Encode(text));

    [Fact]
    public void Encode_AddBosFalse_OmitsBos() =>
        Assert.Equal([271], SentencePiece.Encode("hello", addBos: false));

    [Theory]
    [InlineData("hello world")]
    [InlineData("  leading spaces and Grüße 世界 🙂")]
    public void EncodeDecode_SentencePiece_RoundTrips(string text) =>
        Assert.Equal(text, SentencePiece.Decode(SentencePiece.Encode(text)));

    [Fact]
    public void Load_WordPieceModel_ThrowsNamingField()
    {
        var dir = HfTestFiles.TempDir();
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), """{"model": {"type": "WordPiece", "vocab": {}}}""");

        var e = Assert.Throws<HfFormatException>(() => HfTokenizer.Load(dir));

        Assert.Equal("model.type", e.Field);
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public void Load_EosNotInVocab_ThrowsNamingField()
    {
        var dir = HfTestFiles.TempDir();
        File.Copy(HfTestFiles.Data("tokenizers", "sentencepiece", "tokenizer.json"), Path.Combine(dir, "tokenizer.json"));
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), """{"eos_token": "<|nope|>"}""");

        var e = Assert.Throws<HfFormatException>(() => HfTokenizer.Load(dir));

        Assert.Equal("eos_token", e.Field);
    }

    /// <summary>Copies a fixture folder, replacing top-level fields of its tokenizer.json.</summary>
    static HfTokenizer Variant(string fixture, params (string Field, string Json)[] changes)
    {
        var dir = HfTestFiles.TempDir();
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(HfTestFiles.Data("tokenizers", fixture, "tokenizer.json")))!.AsObject();
        foreach (var (field, value) in changes)
            json[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), json.ToJsonString());
        File.Copy(HfTestFiles.Data("tokenizers", fixture, "tokenizer_config.json"), Path.Combine(dir, "tokenizer_config.json"));
        return HfTokenizer.Load(dir);
    }

    [Fact]
    public void Encode_SentencePieceLegacyPrepend_PrependsAfterAddedTokens() =>
        Assert.Equal([1, 271, 2, 271], SentencePiece.Encode("hello</s>hello"));

    [Fact]
    public void Encode_MetaspacePrependFirst_PrependsOnlyAtStart()
    {
        var tokenizer = Variant("sentencepiece", ("normalizer", "null"),
            ("pre_tokenizer", """{"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": false}"""));

        Assert.Equal([1, 271, 2, 260, 261, 270], tokenizer.Encode("hello</s>hello")); // h e llo: no ▁ after </s>
        Assert.Equal("hello world", tokenizer.Decode(tokenizer.Encode("hello world")));
    }

    [Fact]
    public void Encode_SplitPreTokenizerRegex_IsHonoured()
    {
        // One character per piece: "he" can no longer merge, so "the" is t h e (83, 104 - 33, 101 - 33).
        var tokenizer = Variant("bytelevel", ("pre_tokenizer",
            """{"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "."}, "behavior": "Isolated"}, {"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}]}"""));

        Assert.Equal([83, 71, 68], tokenizer.Encode("the"));
        Assert.Equal([83, 257], ByteLevel.Encode("the"));
    }
}
