using Cai.Models.Llama2c;

namespace Cai.Models.Tests.Llama2c;

public class Llama2cTokenizerTests
{
    [Fact]
    public void Encode_GoldenTexts_MatchRunCExactly()
    {
        var encodings = Stories260K.Golden.GetProperty("encode").EnumerateObject().ToList();
        Assert.NotEmpty(encodings);
        foreach (var entry in encodings)
        {
            var expected = entry.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected, Stories260K.Tokenizer.Encode(entry.Name));
        }
    }

    [Fact]
    public void Load_Tok512_HeaderAndFirstMergesMatchGolden()
    {
        var golden = Stories260K.Golden.GetProperty("tokenizer");
        var tok = Stories260K.Tokenizer;
        Assert.Equal(golden.GetProperty("max_token_length").GetInt32(), tok.MaxTokenLength);
        var mergeIds = golden.GetProperty("first_merge_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var mergePieces = golden.GetProperty("first_merge_pieces").EnumerateArray().Select(e => e.GetString()).ToArray();
        for (var i = 0; i < mergeIds.Length; i++)
        {
            Assert.Equal(mergePieces[i], System.Text.Encoding.UTF8.GetString(tok.PieceBytes(mergeIds[i])));
            Assert.Equal(-i, tok.Score(mergeIds[i]));
        }
    }

    [Fact]
    public void Decode_GreedyIdsAfterBos_StripsLeadingSpaceLikeRunC()
    {
        var text = Stories260K.Tokenizer.Decode([1, .. Stories260K.GoldenGreedyIds]);
        Assert.StartsWith("Once upon a time, there was a little girl named Lily.", text);
        Assert.Equal(Stories260K.Golden.GetProperty("greedy_from_bos").GetProperty("text").GetString(), text);
    }

    [Theory]
    [InlineData("é and ü: naïve café")]
    [InlineData("Tom said \"hi\" 42 times.\nThe end")]
    [InlineData("日本")]
    public void Decode_OfEncode_RoundTripsIncludingByteFallback(string text)
    {
        var tok = Stories260K.Tokenizer;
        Assert.Equal(text, tok.Decode(tok.Encode(text)));
    }

    [Fact]
    public void Encode_CharacterOutsideVocab_UsesByteFallbackIds()
    {
        var ids = Stories260K.Tokenizer.Encode("日", addBos: false);
        var utf8 = System.Text.Encoding.UTF8.GetBytes("日");
        Assert.Equal(utf8.Select(b => b + 3), ids.Skip(ids.Count - utf8.Length));
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cai-tok-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(Stories260K.TokenizerPath)[..100]);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => Llama2cTokenizer.Load(path, 512));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
