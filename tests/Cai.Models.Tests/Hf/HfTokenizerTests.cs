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
}
