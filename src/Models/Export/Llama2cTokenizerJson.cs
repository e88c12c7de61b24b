using System.Text;
using System.Text.Json.Nodes;
using Cai.Models.Hf;
using Cai.Models.Llama2c;
using Cai.Models.Tokenizers.Hf;

namespace Cai.Models.Export;

/// <summary>
/// Writes a llama2.c vocabulary as the Hugging Face tokenizer files of a Llama 2 model (tokenizer.json,
/// tokenizer_config.json, special_tokens_map.json), so transformers and any tokenizer.json reader load a converted
/// folder. llama2.c's encoder merges the adjacent pair whose concatenation has the highest score; a BPE model does
/// the same when its merge list is every (left, right) split of each piece, ordered by the merged piece's score.
/// That is how transformers converts a SentencePiece model (<c>SentencePieceExtractor</c> in
/// convert_slow_tokenizer.py), and the pipeline around it is the Llama 2 one: Prepend("▁") and Replace(" ", "▁"),
/// byte fallback, and a post-processor that adds &lt;s&gt;.
/// </summary>
public static class Llama2cTokenizerJson
{
    const string Space = "\u2581";
    const int ByteOffset = 3;
    static readonly string[] Specials = ["<unk>", "<s>", "</s>"];

    /// <summary>Writes the three files into <paramref name="outDir"/>.</summary>
    /// <param name="tokenizer">The llama2.c vocabulary (ids 0-2 are unk, BOS and EOS; 3-258 the bytes).</param>
    /// <param name="outDir">An existing folder.</param>
    /// <param name="modelMaxLength">The model's context, written as model_max_length.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(Llama2cTokenizer tokenizer, string outDir, int modelMaxLength)
    {
        var pieces = Enumerable.Range(0, tokenizer.VocabSize).Select(id => HfPiece(tokenizer, id)).ToArray();
        var files = new (string Name, JsonNode Json)[]
        {
            (HfTokenizer.FileName, TokenizerJson(tokenizer, pieces)),
            (HfTokenizer.ConfigFileName, new JsonObject
            {
                ["add_bos_token"] = true,
                ["add_eos_token"] = false,
                ["bos_token"] = Specials[1],
                ["eos_token"] = Specials[2],
                ["unk_token"] = Specials[0],
                ["pad_token"] = null,
                ["clean_up_tokenization_spaces"] = false,
                ["legacy"] = false,
                ["model_max_length"] = modelMaxLength,
                ["tokenizer_class"] = "LlamaTokenizerFast",
            }),
            ("special_tokens_map.json", new JsonObject
            {
                ["bos_token"] = Specials[1],
                ["eos_token"] = Specials[2],
                ["unk_token"] = Specials[0],
            }),
        };
        var written = new List<string>();
        foreach (var (name, json) in files)
        {
            var path = Path.Combine(outDir, name);
            HfConfigIO.WriteJson(path, json);
            written.Add(path);
        }
        return written;
    }

    /// <summary>
    /// The merge list: for each ordinary piece, every split into two pieces of the vocabulary, ordered by the merged
    /// piece's score (highest first; a stable sort keeps vocabulary order among equal scores), and within one piece by
    /// the ids of the left then the right part, as transformers orders them.
    /// </summary>
    internal static IReadOnlyList<(string Left, string Right)> Merges(Llama2cTokenizer tokenizer, IReadOnlyList<string> pieces)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < pieces.Count; id++)
            ids.TryAdd(pieces[id], id);
        var merges = new List<(string Left, string Right, float Score)>();
        for (var id = 0; id < pieces.Count; id++)
        {
            if (!IsOrdinary(tokenizer, id))
                continue;
            var runes = pieces[id].EnumerateRunes().Select(r => r.ToString()).ToArray();
            var splits = new List<(int LeftId, int RightId)>();
            for (var cut = 1; cut < runes.Length; cut++)
                if (ids.TryGetValue(string.Concat(runes[..cut]), out var l) && ids.TryGetValue(string.Concat(runes[cut..]), out var r)
                    && IsOrdinary(tokenizer, l) && IsOrdinary(tokenizer, r))
                    splits.Add((l, r));
            merges.AddRange(splits.OrderBy(s => s.LeftId).ThenBy(s => s.RightId)
                .Select(s => (pieces[s.LeftId], pieces[s.RightId], tokenizer.Score(id))));
        }
        return merges.OrderByDescending(m => m.Score).Select(m => (m.Left, m.Right)).ToArray(); // OrderBy is stable
    }

    static JsonObject TokenizerJson(Llama2cTokenizer tokenizer, string[] pieces)
    {
        var vocab = new JsonObject();
        for (var id = 0; id < pieces.Length; id++)
            if (!vocab.ContainsKey(pieces[id]))
                vocab[pieces[id]] = id;
        var merges = new JsonArray(Merges(tokenizer, pieces).Select(m => (JsonNode)new JsonArray(m.Left, m.Right)).ToArray());
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(Specials.Select((content, id) => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["content"] = content,
                ["single_word"] = false,
                ["lstrip"] = false,
                ["rstrip"] = false,
                ["normalized"] = false,
                ["special"] = true,
            }).ToArray()),
            ["normalizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["normalizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Prepend", ["prepend"] = Space },
                    new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["String"] = " " }, ["content"] = Space }),
            },
            ["pre_tokenizer"] = null,
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(Special(), Sequence("A")),
                ["pair"] = new JsonArray(Special(), Sequence("A"), Special(), Sequence("B")),
                ["special_tokens"] = new JsonObject
                {
                    [Specials[1]] = new JsonObject
                    {
                        ["id"] = Specials[1],
                        ["ids"] = new JsonArray(1),
                        ["tokens"] = new JsonArray(Specials[1]),
                    },
                },
            },
            ["decoder"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["decoders"] = new JsonArray(
                    new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["String"] = Space }, ["content"] = " " },
                    new JsonObject { ["type"] = "ByteFallback" },
                    new JsonObject { ["type"] = "Fuse" },
                    new JsonObject { ["type"] = "Strip", ["content"] = " ", ["start"] = 1, ["stop"] = 0 }),
            },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = Specials[0],
                ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null,
                ["fuse_unk"] = true,
                ["byte_fallback"] = true,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = merges,
            },
        };
    }

    static JsonObject Special() => new() { ["SpecialToken"] = new JsonObject { ["id"] = Specials[1], ["type_id"] = 0 } };

    static JsonObject Sequence(string id) => new() { ["Sequence"] = new JsonObject { ["id"] = id, ["type_id"] = 0 } };

    // A piece as a SentencePiece vocabulary spells it: ▁ for spaces, <0xNN> bytes as they are, the specials by name.
    static string HfPiece(Llama2cTokenizer tokenizer, int id) => id < Specials.Length
        ? Specials[id]
        : Encoding.UTF8.GetString(tokenizer.PieceBytes(id)).Replace(" ", Space, StringComparison.Ordinal);

    // Byte tokens and specials never take part in merges: llama2.c's encoder only ever merges text pieces.
    static bool IsOrdinary(Llama2cTokenizer tokenizer, int id) => id >= ByteOffset + 256 || (id >= ByteOffset && !IsByteToken(tokenizer, id));

    static bool IsByteToken(Llama2cTokenizer tokenizer, int id) =>
        id < ByteOffset + 256 && tokenizer.PieceBytes(id) is [(byte)'<', (byte)'0', (byte)'x', _, _, (byte)'>'];
}
