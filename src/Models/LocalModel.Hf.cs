using Cai.Models.Chat;
using Cai.Models.Generation;
using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;
using Cai.Models.Llama2c;
using Cai.Models.Tokenizers;
using Cai.Models.Tokenizers.Hf;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>The HF folder loader of <see cref="LocalModel"/> and what a folder adds to a model (chat format, sampling defaults).</summary>
public sealed partial class LocalModel
{
    /// <summary>How conversations are rendered for this model: the folder's chat_template when recognised,
    /// otherwise the plain <c>User:/Assistant:</c> format (llama2.c models and base models).</summary>
    public IChatFormat ChatFormat { get; init; } = ChatFormats.All["plain"];

    /// <summary>generation_config.json of an HF folder, or null when there is none (llama2.c files).</summary>
    public HfGenerationConfig? GenerationDefaults { get; init; }

    /// <summary>
    /// Builds <see cref="LlamaForCausalLM"/> or <see cref="Gpt2LMHeadModel"/> from config.json and loads the
    /// safetensors weights. The tokenizer is, in order: <paramref name="tokenizerPath"/> (a tokenizer.json, or a
    /// llama2.c <c>.bin</c>), the folder's tokenizer.json (with tokenizer_config.json and its chat template), or the
    /// folder's llama2.c <c>tokenizer.bin</c>.
    /// </summary>
    static partial void LoadHfFolder(string folder, string? tokenizerPath, Device device, ref LocalModel? model)
    {
        var config = HfConfigIO.Read(folder);
        if (config.RopeScaling is { } scaling && config.Llama?.RopeScaling is null)
            throw new NotSupportedException(
                $"{Path.Combine(folder, HfConfigIO.FileName)}: rope_scaling: {scaling.ToLlama().Problem() ?? "only Llama-family models take it"}; " +
                "the model would compute wrong positions, so it is not loaded.");
        // Before anything is allocated: a config that disagrees with its checkpoint, or a model larger than memory,
        // is one line naming config.json and the field instead of an out-of-memory machine or a libtorch stack.
        HfPreflight.Check(Path.Combine(folder, HfConfigIO.FileName), config, HfCheckpoint.ReadHeaders(HfCheckpoint.ResolveFiles(folder)),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var (tokenizer, format, generation) = LoadTokenizer(folder, tokenizerPath, config);
        CausalLanguageModel module = config.Llama is { } llama ? new LlamaForCausalLM(llama) : new Gpt2LMHeadModel(config.Gpt2!);
        try
        {
            HfCheckpoint.Load(module, folder);
            module.to(device);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        model = new LocalModel(id, module, tokenizer, (object?)config.Llama ?? config.Gpt2!)
        {
            ChatFormat = format,
            GenerationDefaults = generation,
            StopTokenIds = TextGenerator.DefaultStopTokenIds(tokenizer)
                .Concat(config.EosTokenIds).Concat(generation?.EosTokenIds ?? []).Distinct().ToArray(),
        };
    }

    // The tokenizer and chat format, with generation_config.json; the folder's HF files are read once, with config.json.
    static (ITextTokenizer Tokenizer, IChatFormat Format, HfGenerationConfig? Generation) LoadTokenizer(string folder, string? tokenizerPath, HfModelConfig config)
    {
        var plain = ChatFormats.All["plain"];
        var vocabSize = config.VocabSize;
        if (tokenizerPath is null && File.Exists(Path.Combine(folder, HfTokenizer.FileName)))
        {
            var directory = HfModelDirectory.Load(folder, config);
            return (directory.Tokenizer, directory.ChatFormat, directory.Generation);
        }
        var generation = HfGenerationConfig.ReadIfPresent(folder);
        if (tokenizerPath is not null)
        {
            if (!File.Exists(tokenizerPath))
                throw new FileNotFoundException($"Tokenizer '{tokenizerPath}' not found.", tokenizerPath);
            if (tokenizerPath.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
                return (Llama2cTokenizer.Load(tokenizerPath, vocabSize), plain, generation);
            var hf = HfTokenizer.Load(tokenizerPath, null);
            return (hf, ChatFormats.FromTemplate(hf.ChatTemplate), generation);
        }
        // llama2.c names its tokenizers tok{vocab}.bin (tok512.bin beside stories260K) as well as tokenizer.bin; a trained
        // folder keeps the name it was copied under, so both are looked for, as beside a .bin checkpoint.
        if (Llama2cTokenizerFiles.In(folder, vocabSize).FirstOrDefault(File.Exists) is { } found)
            return (Llama2cTokenizer.Load(found, vocabSize), plain, generation);
        throw new FileNotFoundException(
            $"No tokenizer in model folder '{folder}': looked for tokenizer.json, {string.Join(" and ", Llama2cTokenizerFiles.Names(vocabSize))} (or pass --tokenizer).",
            Path.Combine(folder, HfTokenizer.FileName));
    }
}
