using TorchSharp;

namespace Cai.Models;

/// <summary>
/// Scalars that tensor arithmetic uses, created once and rooted for the life of the process. A C# number converted
/// implicitly to a TorchSharp <see cref="Scalar"/> (<c>logits / 0.7</c>) is an object with a finalizer that frees its
/// native handle; nothing keeps it alive once its handle is passed to libtorch, so a collection during the native call
/// freed it under libtorch's feet (the intermittent <c>toFloat/toDouble ... at::native::div(Tensor, Scalar)</c> error).
/// Code in this project passes scalars either from here or from a <c>using</c> variable that lives for the call.
/// Tensor + tensor is the same hazard in disguise: TorchSharp's <c>+</c> passes a temporary alpha of 1 (its <c>-</c> takes
/// none), so the forward passes add through <see cref="Plus"/> with the rooted one.
/// </summary>
internal static class KeptScalars
{
    public static readonly Scalar Zero = 0L.ToScalar();
    public static readonly Scalar One = 1L.ToScalar();
    public static readonly Scalar Two = 2L.ToScalar();
    public static readonly Scalar Three = 3L.ToScalar();
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary>a + b with a rooted alpha (TorchSharp's <c>+</c> creates a temporary one).</summary>
    public static TorchSharp.torch.Tensor Plus(this TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) => a.add(b, One);
}
