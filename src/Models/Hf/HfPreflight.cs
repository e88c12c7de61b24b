using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Cai.Models.Hf;

/// <summary>
/// Checks an HF folder's config.json against its safetensors headers and against memory BEFORE the model is built:
/// a config that disagrees with its checkpoint (<c>num_hidden_layers: 1000000</c> beside a 5-layer checkpoint,
/// <c>hidden_size: 1000000000</c>) would otherwise allocate until the machine runs out of memory, or fail inside
/// libtorch with a C++ stack. Every problem is one line naming config.json and the field.
/// </summary>
internal static partial class HfPreflight
{
    static readonly HashSet<torch.ScalarType> WeightTypes =
        [torch.ScalarType.Float32, torch.ScalarType.Float16, torch.ScalarType.BFloat16, torch.ScalarType.Float64];

    /// <summary>Checks <paramref name="config"/> (read from <paramref name="configPath"/>) against the checkpoint's headers.</summary>
    /// <param name="configPath">The config.json, named in every message.</param>
    /// <param name="config">The parsed config.</param>
    /// <param name="header">Every tensor of the checkpoint by name, with the file it is in.</param>
    /// <param name="availableBytes">Memory the model's float32 parameters must fit in.</param>
    /// <exception cref="HfFormatException">The first disagreement, naming config.json and the field.</exception>
    public static void Check(string configPath, HfModelConfig config, IReadOnlyDictionary<string, (string File, SafetensorsEntry Entry)> header,
        long availableBytes)
    {
        foreach (var (name, (file, entry)) in header)
            if (!WeightTypes.Contains(entry.DType))
                throw new HfFormatException(file, name, $"dtype {entry.DType} is not a floating-point weight type");
        var shape = HfExpectedTensors.Size.Of(config);
        CheckLayers(configPath, shape, header);
        CheckEmbedding(configPath, shape, header);
        CheckMemory(configPath, shape, availableBytes);
        CheckEveryTensor(configPath, config, header);
    }

    static void CheckLayers(string configPath, HfExpectedTensors.Size shape, IReadOnlyDictionary<string, (string File, SafetensorsEntry Entry)> header)
    {
        var indices = header.Keys.Select(k => LayerIndex().Match(k)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture)).ToHashSet();
        var found = indices.Count == 0 ? 0 : indices.Max() + 1;
        if (found != shape.Layers)
            throw new HfFormatException(configPath, shape.LayersField,
                $"{shape.Layers} layers, but the checkpoint holds {found}{(indices.Count == found ? "" : $" (indices up to {found - 1})")}");
    }

    static void CheckEmbedding(string configPath, HfExpectedTensors.Size shape, IReadOnlyDictionary<string, (string File, SafetensorsEntry Entry)> header)
    {
        var name = HfCheckpoint.TiedEmbeddingKeys.Select(k => Find(k, header)).FirstOrDefault(n => n is not null);
        if (name is null)
            return; // a missing embedding is reported with every other missing key when the checkpoint is matched
        var (file, entry) = header[name];
        if (entry.Shape.Length != 2 || entry.Shape[1] != shape.Hidden)
            throw new HfFormatException(configPath, shape.HiddenField,
                $"{shape.Hidden}, but {name} in {Path.GetFileName(file)} is [{string.Join(", ", entry.Shape)}]");
        if (entry.Shape[0] != shape.Vocab)
            throw new HfFormatException(configPath, "vocab_size",
                $"{shape.Vocab}, but {name} in {Path.GetFileName(file)} is [{string.Join(", ", entry.Shape)}]");
    }

    static void CheckMemory(string configPath, HfExpectedTensors.Size shape, long availableBytes)
    {
        var bytes = shape.Parameters * 4; // the module holds float32 parameters
        if (availableBytes <= 0 || bytes <= availableBytes)
            return; // 0: the runtime could not tell how much memory there is
        var field = shape.LayerParameters * shape.Layers > shape.Parameters / 2 ? shape.LayersField : shape.HiddenField;
        throw new HfFormatException(configPath, field, string.Create(CultureInfo.InvariantCulture,
            $"the model would have {shape.Parameters:E2} parameters ({bytes / 1e9:F1} GB as float32), more than the {availableBytes / 1e9:F1} GB of memory available"));
    }

    // Every tensor the module will hold, against the header; missing and unexpected keys are left to HfKeyPlan.
    static void CheckEveryTensor(string configPath, HfModelConfig config, IReadOnlyDictionary<string, (string File, SafetensorsEntry Entry)> header)
    {
        var problems = new List<string>();
        foreach (var (name, expected) in HfExpectedTensors.Of(config))
        {
            if (Find(name, header) is not { } source)
                continue;
            var actual = header[source].Entry.Shape;
            if (!actual.SequenceEqual(expected.Shape))
                problems.Add($"{source} is [{string.Join(", ", actual)}], expected [{string.Join(", ", expected.Shape)}] from {expected.Fields}");
        }
        if (problems.Count > 0)
            throw new HfFormatException(configPath, null, $"config disagrees with the checkpoint: {string.Join("; ", problems.Take(5))}"
                                                          + (problems.Count > 5 ? $"; and {problems.Count - 5} more" : ""));
    }

    // openai-community/gpt2 stores GPT2Model keys without the "transformer." prefix of GPT2LMHeadModel.
    static string? Find(string name, IReadOnlyDictionary<string, (string File, SafetensorsEntry Entry)> header) =>
        header.ContainsKey(name) ? name
        : name.StartsWith("transformer.", StringComparison.Ordinal) && header.ContainsKey(name["transformer.".Length..]) ? name["transformer.".Length..]
        : null;

    [GeneratedRegex(@"^(model\.layers|(transformer\.)?h)\.(?<i>\d{1,9})\.")]
    private static partial Regex LayerIndex();
}
