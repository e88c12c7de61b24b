using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models.Hf;

/// <summary>
/// Loads HF safetensors checkpoints (model.safetensors, or shards listed in model.safetensors.index.json) into any
/// <see cref="nn.Module"/> whose state-dict keys are HF names, and saves a module's state dict the same way.
/// </summary>
public static class HfCheckpoint
{
    /// <summary>The single-file checkpoint name.</summary>
    public const string SingleFile = "model.safetensors";

    /// <summary>The index naming the shard of each tensor.</summary>
    public const string IndexFile = "model.safetensors.index.json";

    static readonly string[] EmbeddingKeys = ["model.embed_tokens.weight", "transformer.wte.weight"];

    /// <summary>Copies the checkpoint in <paramref name="dir"/> into <paramref name="module"/>'s parameters and buffers.</summary>
    /// <exception cref="HfFormatException">Keys are missing or unexpected, or shapes differ; the message lists them all.</exception>
    public static void Load(nn.Module module, string dir, HfCheckpointOptions? options = null)
    {
        options ??= new HfCheckpointOptions();
        var files = ResolveFiles(dir);
        var found = ReadHeaders(files);

        var expected = module.state_dict();
        var plan = new HfKeyPlan(expected, found.ToDictionary(kv => kv.Key, kv => kv.Value.Entry.Shape), options);
        plan.ThrowIfInvalid(files.Count == 1 ? files[0] : Path.Combine(dir, IndexFile));

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var group in plan.Sources.GroupBy(kv => found[kv.Value].File))
        {
            var targets = group.ToLookup(kv => kv.Value, kv => kv.Key);
            SafetensorsFile.ReadEach(group.Key, targets.Select(t => t.Key).ToHashSet(), (name, tensor) =>
            {
                foreach (var key in targets[name])
                    expected[key].copy_(options.IsTransposed(key) ? tensor.t() : tensor);
            });
        }
    }

    /// <summary>Saves <paramref name="module"/>'s state dict into <paramref name="dir"/> as HF's save_pretrained does.</summary>
    /// <returns>The files written (shards and index, or the single file).</returns>
    public static IReadOnlyList<string> Save(nn.Module module, string dir, HfCheckpointOptions? options = null)
    {
        options ??= new HfCheckpointOptions();
        if (options.MaxShardSize <= 0)
            throw new ArgumentException($"{nameof(HfCheckpointOptions.MaxShardSize)} must be positive, was {options.MaxShardSize}", nameof(options));
        Directory.CreateDirectory(dir);
        var shards = new List<List<KeyValuePair<string, Tensor>>> { new() };
        long shardBytes = 0, total = 0;
        var state = module.state_dict(); // taken outside the scope, which only owns the transposed copies
        using var scope = NewDisposeScope();
        foreach (var (key, value) in state.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var kv = KeyValuePair.Create(key, options.IsTransposed(key) ? value.t().contiguous() : value);
            var size = kv.Value.numel() * kv.Value.ElementSize;
            if (shardBytes > 0 && shardBytes + size > options.MaxShardSize)
            {
                shards.Add([]);
                shardBytes = 0;
            }
            shards[^1].Add(kv);
            shardBytes += size;
            total += size;
        }
        foreach (var stale in Directory.GetFiles(dir, "model*.safetensors*"))
            File.Delete(stale);
        if (shards.Count == 1)
        {
            var path = Path.Combine(dir, SingleFile);
            SafetensorsFile.Write(path, shards[0]);
            return [path];
        }
        var written = new List<string>();
        var weightMap = new JsonObject();
        for (var i = 0; i < shards.Count; i++)
        {
            var name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafetensorsFile.Write(Path.Combine(dir, name), shards[i]);
            written.Add(Path.Combine(dir, name));
            foreach (var kv in shards[i])
                weightMap[kv.Key] = name;
        }
        var index = new JsonObject { ["metadata"] = new JsonObject { ["total_size"] = total }, ["weight_map"] = weightMap };
        var indexPath = Path.Combine(dir, IndexFile);
        HfConfigIO.WriteJson(indexPath, index);
        written.Add(indexPath);
        return written;
    }

    /// <summary>The safetensors files of a checkpoint folder: the shards named by the index, or model.safetensors.</summary>
    public static IReadOnlyList<string> ResolveFiles(string dir)
    {
        var indexPath = Path.Combine(dir, IndexFile);
        if (File.Exists(indexPath))
        {
            var map = JsonFields.Load(indexPath).Object("weight_map");
            var files = new List<string>();
            foreach (var p in map.Root.EnumerateObject())
            {
                var shard = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! :
                    throw new HfFormatException(indexPath, $"weight_map.{p.Name}", "expected a file name");
                var full = Path.Combine(dir, shard);
                if (!File.Exists(full))
                    throw new HfFormatException(indexPath, $"weight_map.{p.Name}", $"shard '{shard}' not found in {dir}");
                if (!files.Contains(full))
                    files.Add(full);
            }
            return files;
        }
        var single = Path.Combine(dir, SingleFile);
        return File.Exists(single) ? [single]
            : throw new FileNotFoundException($"{dir}: neither {SingleFile} nor {IndexFile} found", single);
    }

    internal static IReadOnlyList<string> TiedEmbeddingKeys => EmbeddingKeys;

    /// <summary>Every tensor's header record in <paramref name="files"/>, by name, with the file holding it.</summary>
    internal static Dictionary<string, (string File, SafetensorsEntry Entry)> ReadHeaders(IReadOnlyList<string> files)
    {
        var found = new Dictionary<string, (string File, SafetensorsEntry Entry)>(StringComparer.Ordinal);
        foreach (var file in files.Distinct())
            foreach (var e in SafetensorsFile.ReadHeader(file))
                found[e.Name] = (file, e);
        return found;
    }
}
