namespace Cai.Models.Tokenizers.Hf;

/// <summary>The subword model under a tokenizer: text without added tokens to ids and back.</summary>
internal interface ITokenModel
{
    int VocabSize { get; }

    /// <param name="text">Text between added tokens.</param>
    /// <param name="atStart">Whether the text starts the input (SentencePiece prepends ▁ there).</param>
    /// <param name="ids">Receives the ids.</param>
    void Encode(string text, bool atStart, List<int> ids);

    string Decode(IReadOnlyList<int> ids);
}
