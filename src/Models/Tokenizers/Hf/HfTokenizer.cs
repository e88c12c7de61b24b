using System.Text;
using System.Text.RegularExpressions;
using Cai.Models.Hf;

namespace Cai.Models.Tokenizers.Hf;

/// <summary>
/// A Hugging Face tokenizer.json (byte-level BPE or SentencePiece-style BPE) with its tokenizer_config.json
/// settings (bos_token, eos_token, add_bos_token, chat_template). Added tokens are matched verbatim before the
/// subword model sees the text, as HF tokenizers do.
/// </summary>
public sealed class HfTokenizer : ITextTokenizer
{
    /// <summary>The tokenizer's file name in a model folder.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>The file beside it with the special tokens and the chat template.</summary>
    public const string ConfigFileName = "tokenizer_config.json";

    readonly ITokenModel model;
    readonly Dictionary<string, int> added;
    readonly Dictionary<int, HfAddedToken> addedById;
    readonly Regex? addedPattern;
    readonly IReadOnlyDictionary<string, int> vocab;

    HfTokenizer(ITokenModel model, IReadOnlyDictionary<string, int> vocab, List<HfAddedToken> added)
    {
        this.model = model;
        this.vocab = vocab;
        AddedTokens = added;
        this.added = added.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        addedById = added.ToDictionary(t => t.Id);
        if (added.Count > 0) // Longest first, so "<|im_start|>" wins over a shorter prefix.
            addedPattern = new Regex(string.Join("|", added.Select(t => t.Content).OrderByDescending(c => c.Length).Select(Regex.Escape)));
        VocabSize = Math.Max(model.VocabSize, added.Count == 0 ? 0 : added.Max(t => t.Id) + 1);
    }

    /// <inheritdoc />
    public int VocabSize { get; }

    /// <inheritdoc />
    public int? BosId { get; private init; }

    /// <inheritdoc />
    public int EosId { get; private init; }

    /// <summary>The bos_token text, when the tokenizer has one (even if it is not prepended).</summary>
    public string? BosToken { get; private init; }

    /// <summary>The eos_token text.</summary>
    public string EosToken { get; private init; } = "";

    /// <summary>tokenizer_config.json's chat_template (Jinja source), or null for base models.</summary>
    public string? ChatTemplate { get; private init; }

    /// <summary>The added tokens (special or not) of tokenizer.json.</summary>
    public IReadOnlyList<HfAddedToken> AddedTokens { get; }

    /// <summary>Loads tokenizer.json and, when present, tokenizer_config.json from a model folder.</summary>
    public static HfTokenizer Load(string dir)
    {
        var config = Path.Combine(dir, ConfigFileName);
        return Load(Path.Combine(dir, FileName), File.Exists(config) ? config : null);
    }

    /// <summary>Loads a tokenizer.json and an optional tokenizer_config.json.</summary>
    /// <exception cref="HfFormatException">A file is malformed or uses an unsupported component; the message names file and field.</exception>
    public static HfTokenizer Load(string tokenizerJson, string? tokenizerConfig)
    {
        var json = JsonFields.Load(tokenizerJson);
        var config = tokenizerConfig is null ? null : JsonFields.Load(tokenizerConfig);
        var added = HfTokenizerFiles.ReadAddedTokens(json);
        var vocab = HfTokenizerFiles.ReadVocab(json.Object("model"));
        var model = HfTokenizerFiles.ReadModel(json, vocab);
        int? Id(string? token) =>
            token is null ? null : added.FirstOrDefault(t => t.Content == token)?.Id ?? (vocab.TryGetValue(token, out var v) ? v : null);

        var bos = HfTokenizerFiles.TokenSetting(config, "bos_token");
        var eos = HfTokenizerFiles.TokenSetting(config, "eos_token")
                  ?? added.FirstOrDefault(t => t.Special && t.Content is "</s>" or "<|endoftext|>" or "<|eot_id|>")?.Content
                  ?? throw new HfFormatException(tokenizerConfig ?? tokenizerJson, "eos_token", "required but missing");
        var eosId = Id(eos) ?? throw new HfFormatException(tokenizerConfig ?? tokenizerJson, "eos_token", $"'{eos}' is not a token of {tokenizerJson}");
        if (bos is not null && Id(bos) is null)
            throw new HfFormatException(tokenizerConfig!, "bos_token", $"'{bos}' is not a token of {tokenizerJson}");
        var addBos = config?.OptionalBool("add_bos_token") ?? (bos is not null && HfTokenizerFiles.PostProcessorAdds(json, bos));
        return new HfTokenizer(model, vocab, added)
        {
            BosToken = bos,
            BosId = addBos ? Id(bos) : null,
            EosToken = eos,
            EosId = eosId,
            ChatTemplate = HfTokenizerFiles.ChatTemplate(config),
        };
    }

    /// <summary>The id of a token (an added token or a vocabulary entry), or null.</summary>
    public int? TokenToId(string token) =>
        added.TryGetValue(token, out var a) ? a : vocab.TryGetValue(token, out var v) ? v : null;

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBos = true)
    {
        var ids = new List<int>();
        if (addBos && BosId is { } bos)
            ids.Add(bos);
        var start = 0;
        if (addedPattern is not null)
            for (var m = addedPattern.Match(text); m.Success; m = m.NextMatch())
            {
                model.Encode(text[start..m.Index], start == 0, ids);
                ids.Add(added[m.Value]);
                start = m.Index + m.Length;
            }
        model.Encode(text[start..], start == 0, ids);
        return ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (id == BosId || id == EosId || (BosToken is not null && added.GetValueOrDefault(BosToken, -1) == id))
                continue;
            if (addedById.TryGetValue(id, out var token))
            {
                Flush();
                text.Append(token.Content);
            }
            else
                run.Add(id);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (run.Count == 0)
                return;
            text.Append(model.Decode(run));
            run.Clear();
        }
    }
}
