using Cai.Core.Storage;
using Cai.Models.Gpt2;
using Cai.Models.Hf;
using Cai.Models.Llama;

namespace Cai.Train.Models;

/// <summary>Saves and loads trained causal LMs as HF-compatible folders (config.json + model.safetensors [+ tokenizer]).</summary>
public static class ModelFiles
{
    /// <summary>Writes <paramref name="model"/>'s weights and config.json into <paramref name="dir"/>; copies the tokenizer file beside them when given.</summary>
    /// <exception cref="NotSupportedException">The architecture has no HF config writer.</exception>
    public static void Save(CausalLanguageModel model, string dir, string? tokenizerFile = null)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, HfConfigIO.FileName);
        switch (model)
        {
            case LlamaForCausalLM llama:
                HfCheckpoint.Save(model, dir);
                HfConfigIO.Write(config, llama.Config);
                break;
            case Gpt2LMHeadModel gpt2:
                HfCheckpoint.Save(model, dir, new HfCheckpointOptions { Transposed = HfCheckpointOptions.Gpt2Conv1D });
                HfConfigIO.Write(config, gpt2.Config);
                break;
            default:
                throw new NotSupportedException($"cannot save a {model.GetType().Name} as a HF folder; supported: llama, gpt2");
        }

        if (tokenizerFile is not null)
            AtomicFile.Copy(tokenizerFile, Path.Combine(dir, Path.GetFileName(tokenizerFile)));
    }

    /// <summary>Loads weights saved by <see cref="Save"/> into <paramref name="module"/>.</summary>
    public static void LoadWeights(nn.Module module, string dir) =>
        HfCheckpoint.Load(module, dir, module is Gpt2LMHeadModel ? new HfCheckpointOptions { Transposed = HfCheckpointOptions.Gpt2Conv1D } : null);

    /// <summary>Builds a Llama model from a folder written by <see cref="Save"/> (config.json + weights).</summary>
    public static LlamaForCausalLM LoadLlama(string dir)
    {
        var model = new LlamaForCausalLM(HfConfigIO.ReadLlama(dir));
        LoadWeights(model, dir);
        return model;
    }
}
