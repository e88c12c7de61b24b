using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>Copies named tensors into a module's parameters, checking that names and shapes match exactly.</summary>
public static class StateDictLoader
{
    /// <summary>
    /// Copies every tensor of <paramref name="weights"/> into the parameter or buffer of the same state-dict key,
    /// converting dtype/device. Every key of the module must be supplied and every supplied key must exist.
    /// </summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="weights">Tensors by HF state-dict key.</param>
    /// <param name="source">The file the weights came from, named in errors.</param>
    /// <exception cref="InvalidDataException">A key is missing, unexpected, or has the wrong shape.</exception>
    public static void CopyInto(nn.Module module, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        var target = module.state_dict();
        var missing = target.Keys.Where(k => !weights.ContainsKey(k)).ToList();
        var unexpected = weights.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException(
                $"{source}: weights do not match the model: missing [{string.Join(", ", missing)}], " +
                $"unexpected [{string.Join(", ", unexpected)}].");
        using var _ = no_grad();
        foreach (var (key, value) in weights)
        {
            var dest = target[key];
            if (!dest.shape.SequenceEqual(value.shape))
                throw new InvalidDataException(
                    $"{source}: tensor '{key}' has shape [{string.Join(", ", value.shape)}], the model expects " +
                    $"[{string.Join(", ", dest.shape)}].");
            dest.copy_(value);
        }
    }
}
