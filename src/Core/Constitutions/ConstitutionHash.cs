using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cai.Core.Constitutions;

/// <summary>
/// The canonical serialisation behind <see cref="Constitution.Hash"/>: compact JSON with a fixed key order and
/// every field written, defaults included, so that YAML formatting, comments and omitted defaults do not change it.
/// </summary>
static class ConstitutionHash
{
    public static string Compute(Constitution constitution) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(constitution))));

    public static string Canonical(Constitution c)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("version", c.Version);
            w.WriteString("description", c.Description);
            w.WriteStartObject("defaults");
            w.WriteNumber("rounds", c.Defaults.Rounds);
            w.WriteNumber("principles_per_round", c.Defaults.PrinciplesPerRound);
            WriteNumber(w, "temperature", c.Defaults.Temperature);
            WriteNumber(w, "max_tokens", c.Defaults.MaxTokens);
            // Added later: hashed only when set, so a constitution that does not use them keeps its hash.
            if (c.Defaults.TopP is { } topP) WriteNumber(w, "top_p", topP);
            if (c.Defaults.TopK is { } topK) WriteNumber(w, "top_k", topK);
            w.WriteEndObject();
            w.WriteStartArray("principles");
            foreach (var p in c.Principles) WritePrinciple(w, p);
            w.WriteEndArray();
            w.WriteStartArray("few_shot");
            foreach (var e in c.FewShot) WriteExample(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static void WritePrinciple(Utf8JsonWriter w, Principle p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("critique", p.Critique);
        w.WriteString("revision", p.Revision);
        w.WriteString("comparison", p.Comparison);
        w.WriteString("weight", p.Weight.ToString("R", CultureInfo.InvariantCulture));
        WriteStrings(w, "tags", p.Tags);
        w.WriteStartArray("checks");
        foreach (var check in p.Checks) WriteCheck(w, check);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteCheck(Utf8JsonWriter w, PrincipleCheck check)
    {
        w.WriteStartObject();
        w.WriteString("type", check.Type);
        w.WriteString("name", check.Name);
        switch (check)
        {
            case LexiconCheck l:
                WriteStrings(w, "words", l.Words);
                w.WriteNumber("max_hits", l.MaxHits);
                break;
            case RegexCheck r:
                w.WriteString("pattern", r.Pattern);
                w.WriteString("flags", r.Flags);
                break;
            case MaxLengthCheck m:
                WriteNumber(w, "max_chars", m.MaxChars);
                WriteNumber(w, "max_words", m.MaxWords);
                break;
            default:
                throw new NotSupportedException($"Unknown check type {check.GetType().Name}.");
        }
        w.WriteEndObject();
    }

    static void WriteExample(Utf8JsonWriter w, FewShotExample e)
    {
        w.WriteStartObject();
        w.WriteStartArray("messages");
        foreach (var m in e.Messages)
        {
            w.WriteStartObject();
            w.WriteString("role", m.Role);
            w.WriteString("content", m.Content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("principle_id", e.PrincipleId);
        w.WriteString("critique", e.Critique);
        w.WriteString("revision", e.Revision);
        w.WriteEndObject();
    }

    static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    // Doubles are written as round-trip strings so the hash never depends on JSON number formatting.
    static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteString(name, v.ToString("R", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
