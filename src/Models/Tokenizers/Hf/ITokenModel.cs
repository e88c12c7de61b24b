namespace Cai.Models.Tokenizers.Hf;

/// <summary>The subword model under a tokenizer: text without added tokens to ids and back.</summary>
internal interface ITokenModel
{
    int VocabSize { get; }

    void Encode(string text, List<int> ids);

    string Decode(IReadOnlyList<int> ids);
}
