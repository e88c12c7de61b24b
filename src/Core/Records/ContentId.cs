using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cai.Core.Json;

namespace Cai.Core.Records;

/// <summary>Stable ids from content: the lowercase hex prefix of a SHA-256, identical across processes and machines.</summary>
public static class ContentId
{
    /// <summary>Hex characters kept: 16 (64 bits), plenty to keep millions of prompts apart.</summary>
    public const int Length = 16;

    /// <summary>The id of a text.</summary>
    public static string Of(string text) => Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>The id of a conversation, hashed over its canonical JSON so role and content both count.</summary>
    public static string Of(IReadOnlyList<Message> messages) =>
        Hash(JsonSerializer.SerializeToUtf8Bytes(messages, CaiJson.Options));

    static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..Length];
}
