using TorchSharp;

namespace Cai.Models.Hf;

/// <summary>One tensor's header record in a safetensors file: dtype, shape and byte range after the header.</summary>
/// <param name="Name">The state-dict key.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The tensor shape.</param>
/// <param name="Begin">First byte, relative to the end of the header.</param>
/// <param name="End">One past the last byte, relative to the end of the header.</param>
public sealed record SafetensorsEntry(string Name, torch.ScalarType DType, long[] Shape, long Begin, long End);
