using System.Security.Cryptography;
using System.Text;

namespace Cai.Train.Models;

/// <summary>A SHA-256 of a module's state dict (names, dtypes, shapes and bytes), to key caches on model content.</summary>
public static class ModelHash
{
    /// <summary>The lowercase hex hash of <paramref name="module"/>'s weights.</summary>
    public static string Of(nn.Module module)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in module.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{key}:{value.dtype}:{string.Join(',', value.shape)};"));
            using var cpu = value.detach().cpu().contiguous();
            sha.AppendData(cpu.bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
