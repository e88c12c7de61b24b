namespace Cai.Models.Tokenizers.Hf;

/// <summary>When a SentencePiece-style tokenizer puts a ▁ before the text (Metaspace's prepend_scheme).</summary>
internal enum PrependScheme
{
    /// <summary>Before every piece of text between added tokens (the legacy Prepend normalizer).</summary>
    Always,

    /// <summary>Only before text at the very start of the input.</summary>
    First,

    /// <summary>Never.</summary>
    Never,
}
