using Cai.Models.Tokenizers;

namespace Cai.Models.Tests;

/// <summary>Hand-written fake: one id per lowercase letter or space (ids 2..28), EOS = 1, no BOS (GPT-2 style).</summary>
internal sealed class FakeCharTokenizer : ITextTokenizer
{
    const string Alphabet = "abcdefghijklmnopqrstuvwxyz ";

    public int VocabSize => Alphabet.Length + 2;
    public int? BosId => null;
    public int EosId => 1;

    public IReadOnlyList<int> Encode(string text, bool addBos = true) =>
        text.Select(c => Alphabet.IndexOf(c) is var i and >= 0 ? i + 2 : throw new ArgumentException($"'{c}'")).ToArray();

    public string Decode(IEnumerable<int> ids) =>
        new(ids.Where(i => i >= 2 && i < VocabSize).Select(i => Alphabet[i - 2]).ToArray());
}
