using Cai.Models.Tokenizers;

namespace Cai.Models.Tests.Hf;

/// <summary>A fake tokenizer with one id per character (its UTF-16 code), BOS 1 and EOS 2, so masks can be read off exactly.</summary>
internal sealed class CharTokenizer(int? bosId = 1) : ITextTokenizer
{
    public int VocabSize => char.MaxValue + 1;

    public int? BosId => bosId;

    public int EosId => 2;

    public IReadOnlyList<int> Encode(string text, bool addBos = true) =>
        [.. (addBos && BosId is { } b ? [b] : Array.Empty<int>()), .. text.Select(c => (int)c)];

    public string Decode(IEnumerable<int> ids) => new([.. ids.Where(i => i != BosId && i != EosId).Select(i => (char)i)]);

    /// <summary>Shows ids as text with BOS as ^ and EOS as $, and the masked characters of <paramref name="mask"/> as the same text in a second string.</summary>
    public static (string Text, string Masked) Show(IReadOnlyList<int> ids, IReadOnlyList<bool> mask)
    {
        string Char(int id) => id switch { 1 => "^", 2 => "$", _ => ((char)id).ToString() };
        return (string.Concat(ids.Select(Char)), string.Concat(ids.Select((id, i) => mask[i] ? Char(id) : "_")));
    }
}
