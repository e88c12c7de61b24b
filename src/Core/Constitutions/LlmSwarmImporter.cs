using System.Globalization;
using System.Text.Json;

namespace Cai.Core.Constitutions;

/// <summary>
/// Imports the constitution JSON of Hugging Face's llm-swarm Constitutional AI recipe:
/// <c>{"constitutions": [{"critic": "...", "revision": "..."}], "system_chat": [[{"role", "content"}, ...], ...]}</c>.
/// </summary>
/// <remarks>
/// The file has no ids, so principles are numbered "principle-01", "principle-02", ... in file order. It has no
/// comparison questions either, and deriving one from a free-form critique request is guesswork, so every
/// principle gets <see cref="DefaultComparison"/>; edit the saved YAML to sharpen them. Each system_chat
/// conversation becomes a conversation-only few-shot example.
/// </remarks>
public static class LlmSwarmImporter
{
    /// <summary>The comparison question every imported principle gets.</summary>
    public const string DefaultComparison = "Which response follows the principles of the constitution better?";

    /// <summary>Reads the file into a constitution named after it (without extension).</summary>
    /// <exception cref="ConstitutionException">The file is missing, is not JSON, or lacks a field; the message names file and field.</exception>
    public static Constitution Import(string path)
    {
        var source = ImportSource.Read(path);
        var root = source.Expect(source.Root, JsonValueKind.Object, "(top level)");
        var list = source.Expect(source.Property(root, "constitutions", "(top level)"), JsonValueKind.Array, "constitutions");
        var principles = list.EnumerateArray().Select((item, i) =>
        {
            var field = $"constitutions[{i}]";
            source.Expect(item, JsonValueKind.Object, field);
            return new Principle
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"principle-{i + 1:D2}"),
                Critique = source.String(source.Property(item, "critic", field), $"{field}.critic").Trim(),
                Revision = source.String(source.Property(item, "revision", field), $"{field}.revision").Trim(),
                Comparison = DefaultComparison,
            };
        }).ToList();
        if (principles.Count == 0) throw source.Error("constitutions", "contains no principles");
        return new Constitution
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Description = $"Imported from the llm-swarm constitution {Path.GetFileName(path)}.",
            Principles = principles,
            FewShot = root.TryGetProperty("system_chat", out var chats) ? ReadExamples(source, chats) : [],
        };
    }

    static List<FewShotExample> ReadExamples(ImportSource source, JsonElement chats) =>
        source.Expect(chats, JsonValueKind.Array, "system_chat").EnumerateArray().Select((chat, i) =>
        {
            var field = $"system_chat[{i}]";
            var messages = source.Expect(chat, JsonValueKind.Array, field).EnumerateArray().Select((m, j) =>
            {
                var mField = $"{field}[{j}]";
                source.Expect(m, JsonValueKind.Object, mField);
                var role = source.String(source.Property(m, "role", mField), $"{mField}.role");
                if (!FewShotMessage.Roles.Contains(role))
                    throw source.Error($"{mField}.role", $"must be one of {string.Join(", ", FewShotMessage.Roles)}, got '{role}'");
                return new FewShotMessage(role, source.String(source.Property(m, "content", mField), $"{mField}.content"));
            }).ToList();
            return messages.Count > 0 ? new FewShotExample { Messages = messages } : throw source.Error(field, "is empty");
        }).ToList();
}
