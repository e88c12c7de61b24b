using Cai.Models.Tokenizers;

namespace Cai.Benchmarks.Generation;

/// <summary>
/// A tokenizer stand-in for throughput runs: ids are the text, and EOS is an id past the vocabulary so sampling
/// never ends a row early and every repetition generates exactly the requested number of tokens.
/// </summary>
internal sealed class FixedTokenizer(int vocabSize) : ITextTokenizer
{
    public int VocabSize => vocabSize;

    public int? BosId => 1;

    public int EosId => vocabSize;

    public IReadOnlyList<int> Encode(string text, bool addBos = true) => addBos ? [1] : [];

    public string Decode(IEnumerable<int> ids) => string.Join(' ', ids);
}
