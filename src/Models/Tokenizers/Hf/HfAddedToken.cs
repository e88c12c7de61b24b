namespace Cai.Models.Tokenizers.Hf;

/// <summary>A token from tokenizer.json's added_tokens: matched verbatim in text before the model splits it.</summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The token text, e.g. <c>&lt;|im_end|&gt;</c>.</param>
/// <param name="Special">Whether it is a control token (BOS, EOS, chat markers) rather than an ordinary word.</param>
public sealed record HfAddedToken(int Id, string Content, bool Special);
