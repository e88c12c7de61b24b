using System.Text.Json.Nodes;
using Cai.Core.Storage;
using Cai.Models.Hf;
using Cai.Models.Llama2c;

namespace Cai.Models.Export;

/// <summary>
/// Converts a llama2.c checkpoint into an HF model folder: config.json (model_type llama), model.safetensors with
/// HF key names and the q/k rows permuted to HF's half-split RoPE layout (as convert_llama_weights_to_hf.py does),
/// generation_config.json, the tokenizer as HF files (<see cref="Llama2cTokenizerJson"/>: tokenizer.json,
/// tokenizer_config.json, special_tokens_map.json), and the llama2.c tokenizer copied as
/// <see cref="Llama2cTokenizerFiles.Default"/> for llama2.c tools. HF transformers reads the folder as a Llama model;
/// <see cref="LocalModel.Load"/> prefers tokenizer.json, which encodes exactly as the llama2.c file does.
/// </summary>
public static class Llama2cToHf
{
    /// <summary>Writes the HF folder for <paramref name="checkpoint"/> into <paramref name="outDir"/>.</summary>
    /// <param name="checkpoint">The llama2.c <c>.bin</c> file.</param>
    /// <param name="outDir">The folder to write (created when missing; existing model files are replaced).</param>
    /// <param name="tokenizerPath">The llama2.c tokenizer; null looks for tok{vocab}.bin, then tokenizer.bin, beside the checkpoint.</param>
    /// <returns>The files written.</returns>
    /// <exception cref="FileNotFoundException">The checkpoint or its tokenizer is missing.</exception>
    public static IReadOnlyList<string> Convert(string checkpoint, string outDir, string? tokenizerPath = null)
    {
        var config = Llama2cCheckpoint.ReadConfig(checkpoint);
        var tokenizer = Llama2cTokenizerFiles.Find(checkpoint, config.VocabSize, tokenizerPath);
        var vocabulary = Llama2cTokenizer.Load(tokenizer, config.VocabSize); // fail before writing anything if it is unreadable
        Directory.CreateDirectory(outDir);
        using var module = Llama2cCheckpoint.Load(checkpoint);
        var written = new List<string>();
        var configPath = Path.Combine(outDir, HfConfigIO.FileName);
        HfConfigIO.Write(configPath, module.Config);
        written.Add(configPath);
        written.AddRange(HfCheckpoint.Save(module, outDir));
        var generationPath = Path.Combine(outDir, HfGenerationConfig.FileName);
        var generation = new JsonObject
        {
            ["_from_model_config"] = true,
            ["bos_token_id"] = config.BosTokenId,
            ["eos_token_id"] = config.EosTokenId,
        };
        HfConfigIO.WriteJson(generationPath, generation);
        written.Add(generationPath);
        var tokenizerTarget = Path.Combine(outDir, Llama2cTokenizerFiles.Default);
        AtomicFile.Copy(tokenizer, tokenizerTarget);
        written.Add(tokenizerTarget);
        written.AddRange(Llama2cTokenizerJson.Write(vocabulary, outDir, config.MaxPositionEmbeddings));
        return written;
    }
}
