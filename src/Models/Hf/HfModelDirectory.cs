using Cai.Models.Chat;
using Cai.Models.Tokenizers.Hf;

namespace Cai.Models.Hf;

/// <summary>
/// The non-weight files of an HF model folder, read and cross-checked together: config.json, tokenizer.json with
/// tokenizer_config.json, the chat format its template implies, and generation_config.json when present.
/// Weights load separately with <see cref="HfCheckpoint.Load"/> once the model is built from <see cref="Config"/>.
/// </summary>
/// <param name="Dir">The folder.</param>
/// <param name="Config">config.json.</param>
/// <param name="Tokenizer">The tokenizer.</param>
/// <param name="ChatFormat">The chat format recognised from chat_template (plain when there is none).</param>
/// <param name="Generation">generation_config.json, or null when the folder has none.</param>
public sealed record HfModelDirectory(string Dir, HfModelConfig Config, HfTokenizer Tokenizer, IChatFormat ChatFormat, HfGenerationConfig? Generation)
{
    /// <summary>Reads a model folder.</summary>
    /// <exception cref="HfFormatException">A file is malformed, or the tokenizer has ids the model's vocabulary lacks.</exception>
    public static HfModelDirectory Load(string dir) => Load(dir, HfConfigIO.Read(dir));

    /// <summary>Reads the rest of a model folder whose config.json <paramref name="config"/> a caller has read and checked.</summary>
    /// <exception cref="HfFormatException">A file is malformed, or the tokenizer has ids the model's vocabulary lacks.</exception>
    public static HfModelDirectory Load(string dir, HfModelConfig config)
    {
        var tokenizer = HfTokenizer.Load(dir);
        // Checkpoints often pad vocab_size beyond the tokenizer (Qwen2), never the other way round.
        if (tokenizer.VocabSize > config.VocabSize)
            throw new HfFormatException(Path.Combine(dir, HfConfigIO.FileName), "vocab_size",
                $"{config.VocabSize} is smaller than the tokenizer's {tokenizer.VocabSize} ids");
        return new HfModelDirectory(dir, config, tokenizer, ChatFormats.FromTemplate(tokenizer.ChatTemplate), HfGenerationConfig.ReadIfPresent(dir));
    }
}
