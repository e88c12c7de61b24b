using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Cai.Models.Tokenizers.Hf;

/// <summary>
/// Byte-level BPE (GPT-2, Qwen2, Llama 3): text is split by the pre-tokenizer regex, each piece's UTF-8 bytes are
/// mapped to printable characters (space to Ġ) and merged by rank. Microsoft.ML.Tokenizers' BpeTokenizer does
/// the byte mapping, merging and decoding.
/// </summary>
internal sealed class ByteLevelBpeModel : ITokenModel
{
    /// <summary>GPT-2's split pattern, used when the pre-tokenizer is a bare ByteLevel with use_regex.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    readonly BpeTokenizer bpe;
    readonly bool addPrefixSpace;

    public ByteLevelBpeModel(IReadOnlyDictionary<string, int> vocab, IReadOnlyList<string> merges, string pattern, bool addPrefixSpace)
    {
        this.addPrefixSpace = addPrefixSpace;
        bpe = BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), null),
        });
        VocabSize = vocab.Count;
    }

    public int VocabSize { get; }

    public void Encode(string text, bool atStart, List<int> ids)
    {
        if (text.Length == 0)
            return;
        ids.AddRange(bpe.EncodeToIds(addPrefixSpace && text[0] != ' ' ? " " + text : text));
    }

    public string Decode(IReadOnlyList<int> ids) => bpe.Decode(ids);
}
