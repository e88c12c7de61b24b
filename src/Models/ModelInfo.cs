namespace Cai.Models;

/// <summary>What a loaded local model is, for reports and run manifests.</summary>
/// <param name="Id">The name the model was loaded under (file or folder name, or hub id).</param>
/// <param name="Architecture">HF model_type (<c>llama</c>, <c>qwen2</c>, <c>gpt2</c>).</param>
/// <param name="ParameterCount">Trainable scalars.</param>
/// <param name="VocabSize">Output vocabulary size.</param>
/// <param name="MaxLength">Context length in tokens.</param>
/// <param name="Device">Where the weights live (<c>cpu</c>, <c>cuda:0</c>).</param>
/// <param name="Config">The architecture's config record (e.g. <see cref="Llama.LlamaConfig"/>).</param>
public sealed record ModelInfo(string Id, string Architecture, long ParameterCount, int VocabSize, int MaxLength,
    string Device, object Config);
