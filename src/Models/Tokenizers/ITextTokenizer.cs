namespace Cai.Models.Tokenizers;

/// <summary>Text to token ids and back, as a language model sees it.</summary>
public interface ITextTokenizer
{
    /// <summary>Number of ids the tokenizer can produce.</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, or null when the model has none (GPT-2 style).</summary>
    int? BosId { get; }

    /// <summary>End-of-sequence id.</summary>
    int EosId { get; }

    /// <summary>Encodes text; <paramref name="addBos"/> prepends the BOS id when the tokenizer has one.</summary>
    IReadOnlyList<int> Encode(string text, bool addBos = true);

    /// <summary>Decodes ids to text, skipping BOS/EOS.</summary>
    string Decode(IEnumerable<int> ids);
}
