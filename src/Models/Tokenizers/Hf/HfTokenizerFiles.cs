using System.Text.Json;
using Cai.Models.Hf;

namespace Cai.Models.Tokenizers.Hf;

/// <summary>Builds the subword model, added tokens and special-token settings from tokenizer.json and tokenizer_config.json.</summary>
internal static class HfTokenizerFiles
{
    public static ITokenModel ReadModel(JsonFields json, IReadOnlyDictionary<string, int> vocab)
    {
        var model = json.Object("model");
        var type = model.String("type");
        if (type != "BPE")
            throw new HfFormatException(json.File, "model.type", $"'{type}' is not supported; only BPE tokenizers are");
        var merges = ReadMerges(model);
        if (AnyOfType(json, "pre_tokenizer", "ByteLevel") || AnyOfType(json, "decoder", "ByteLevel"))
        {
            var split = Nodes(json.Root, "pre_tokenizer").FirstOrDefault(n => Type(n) == "Split");
            var pattern = split.ValueKind == JsonValueKind.Object && split.TryGetProperty("pattern", out var p) && p.TryGetProperty("Regex", out var r)
                ? r.GetString()! : ByteLevelBpeModel.Gpt2Pattern;
            var byteLevel = Nodes(json.Root, "pre_tokenizer").FirstOrDefault(n => Type(n) == "ByteLevel");
            var prefix = byteLevel.ValueKind == JsonValueKind.Object && byteLevel.TryGetProperty("add_prefix_space", out var a) && a.ValueKind == JsonValueKind.True;
            return new ByteLevelBpeModel(vocab, merges, pattern, prefix);
        }
        var replace = Nodes(json.Root, "normalizer").Any(n => Type(n) == "Replace") || AnyOfType(json, "pre_tokenizer", "Metaspace");
        if (!replace)
            throw new HfFormatException(json.File, "pre_tokenizer",
                "neither a ByteLevel pre-tokenizer (GPT-2 style) nor a ▁ normalizer/Metaspace (SentencePiece style) found");
        var unk = model.String("unk_token") is { } u && vocab.TryGetValue(u, out var unkId) ? unkId : (int?)null;
        return new SentencePieceBpeModel(vocab, merges, model.Bool("byte_fallback", false), unk, Prepend(json));
    }

    public static List<HfAddedToken> ReadAddedTokens(JsonFields json)
    {
        var list = new List<HfAddedToken>();
        if (!json.Has("added_tokens"))
            return list;
        var i = 0;
        foreach (var t in json.Root.GetProperty("added_tokens").EnumerateArray())
        {
            var item = new JsonFields(t, json.File);
            var content = item.String("content") ?? throw new HfFormatException(json.File, $"added_tokens[{i}].content", "required but missing");
            list.Add(new HfAddedToken(item.Int("id"), content, item.Bool("special", false)));
            i++;
        }
        return list;
    }

    /// <summary>A special token setting that may be a string or an AddedToken object ({"content": ...}).</summary>
    public static string? TokenSetting(JsonFields? config, string field)
    {
        if (config is null || !config.Has(field))
            return null;
        var v = config.Root.GetProperty(field);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var c) => c.GetString(),
            _ => throw new HfFormatException(config.File, field, $"expected a string or {{\"content\": ...}}, found {v.GetRawText()}"),
        };
    }

    /// <summary>chat_template: a string, or a list of named templates of which "default" is taken.</summary>
    public static string? ChatTemplate(JsonFields? config)
    {
        if (config is null || !config.Has("chat_template"))
            return null;
        var v = config.Root.GetProperty("chat_template");
        if (v.ValueKind == JsonValueKind.String)
            return v.GetString();
        if (v.ValueKind == JsonValueKind.Array)
            foreach (var t in v.EnumerateArray())
                if (t.TryGetProperty("name", out var n) && n.GetString() == "default" && t.TryGetProperty("template", out var tpl))
                    return tpl.GetString();
        throw new HfFormatException(config.File, "chat_template", "expected a string or a list with a \"default\" template");
    }

    public static bool PostProcessorAdds(JsonFields json, string token) =>
        json.Has("post_processor") && json.Root.GetProperty("post_processor").GetRawText().Contains(JsonEncodedText.Encode(token).ToString(), StringComparison.Ordinal);

    public static Dictionary<string, int> ReadVocab(JsonFields model)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in model.Object("vocab").Root.EnumerateObject())
            vocab[p.Name] = p.Value.TryGetInt32(out var id) ? id
                : throw new HfFormatException(model.File, $"model.vocab.{p.Name}", $"expected an integer id, found {p.Value.GetRawText()}");
        return vocab;
    }

    static List<string> ReadMerges(JsonFields model)
    {
        var merges = new List<string>();
        if (!model.Has("merges"))
            return merges;
        var i = 0;
        foreach (var m in model.Root.GetProperty("merges").EnumerateArray())
        {
            // Older files write "a b"; tokenizers >= 0.20 writes ["a", "b"].
            merges.Add(m.ValueKind switch
            {
                JsonValueKind.String when m.GetString()!.Contains(' ') => m.GetString()!,
                JsonValueKind.Array when m.GetArrayLength() == 2 => $"{m[0].GetString()} {m[1].GetString()}",
                _ => throw new HfFormatException(model.File, $"model.merges[{i}]", $"expected \"a b\" or [\"a\", \"b\"], found {m.GetRawText()}"),
            });
            i++;
        }
        return merges;
    }

    static PrependScheme Prepend(JsonFields json)
    {
        if (AnyOfType(json, "normalizer", "Prepend"))
            return PrependScheme.Always;
        var meta = Nodes(json.Root, "pre_tokenizer").FirstOrDefault(n => Type(n) == "Metaspace");
        if (meta.ValueKind != JsonValueKind.Object)
            return PrependScheme.Never;
        var fields = new JsonFields(meta, json.File);
        return fields.String("prepend_scheme") switch
        {
            "always" => PrependScheme.Always,
            "first" => PrependScheme.First,
            "never" => PrependScheme.Never,
            null => fields.Bool("add_prefix_space", true) ? PrependScheme.Always : PrependScheme.Never,
            var other => throw new HfFormatException(json.File, "pre_tokenizer.prepend_scheme", $"unknown value '{other}'"),
        };
    }

    static bool AnyOfType(JsonFields json, string field, string type) => Nodes(json.Root, field).Any(n => Type(n) == type);

    static string? Type(JsonElement n) => n.TryGetProperty("type", out var t) ? t.GetString() : null;

    /// <summary>The component at <paramref name="field"/>, flattened when it is a Sequence.</summary>
    static IEnumerable<JsonElement> Nodes(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var node) || node.ValueKind != JsonValueKind.Object)
            yield break;
        yield return node;
        foreach (var list in new[] { "normalizers", "pretokenizers", "decoders" })
            if (node.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
                foreach (var item in items.EnumerateArray())
                    yield return item;
    }
}
