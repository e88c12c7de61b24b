namespace Cai.Models.Chat;

/// <summary>Picks a chat format by name or by recognising the markers of a tokenizer_config.json chat_template.</summary>
public static class ChatFormats
{
    /// <summary>Every format, by name.</summary>
    public static IReadOnlyDictionary<string, IChatFormat> All { get; } =
        new IChatFormat[] { new ChatMlFormat(), new Llama2ChatFormat(), new Llama3ChatFormat(), new ZephyrChatFormat(), new PlainChatFormat() }
            .ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The format called <paramref name="name"/>.</summary>
    public static IChatFormat ByName(string name) =>
        All.TryGetValue(name, out var f) ? f
            : throw new ArgumentException($"unknown chat format '{name}'; expected one of {string.Join(", ", All.Keys)}", nameof(name));

    /// <summary>
    /// The format a Jinja chat_template implements, recognised by its markers (the template is not executed);
    /// <see cref="PlainChatFormat"/> when there is no template.
    /// </summary>
    /// <exception cref="NotSupportedException">The template has none of the known markers.</exception>
    public static IChatFormat FromTemplate(string? chatTemplate)
    {
        if (string.IsNullOrWhiteSpace(chatTemplate))
            return All["plain"];
        if (chatTemplate.Contains("<|im_start|>", StringComparison.Ordinal))
            return All["chatml"];
        if (chatTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal))
            return All["llama3"];
        if (chatTemplate.Contains("<|user|>", StringComparison.Ordinal))
            return All["zephyr"];
        if (chatTemplate.Contains("[INST]", StringComparison.Ordinal))
            return All["llama2"];
        throw new NotSupportedException(
            "chat_template has none of the markers of ChatML, Llama 2, Llama 3 or Zephyr; pick a format by name " +
            $"({string.Join(", ", All.Keys)}). Template starts: {chatTemplate[..Math.Min(120, chatTemplate.Length)]}");
    }
}
