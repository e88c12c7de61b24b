using Cai.Models.Generation;
using Cai.Models.Hub;
using Cai.Models.Llama2c;
using Cai.Models.Scoring;
using Cai.Models.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>
/// An in-process model ready to use: the TorchSharp module, its tokenizer and a name. The entry point for the CLI
/// and the pipeline's local chat client.
/// </summary>
public sealed partial class LocalModel : IDisposable
{
    readonly TextScorer scorer;
    TextGenerator? generator;

    /// <summary>Wraps an already built module and tokenizer (loaders call this).</summary>
    /// <param name="id">Name for reports and lineage.</param>
    /// <param name="module">The model, already on its device and holding its weights.</param>
    /// <param name="tokenizer">The matching tokenizer.</param>
    /// <param name="config">The architecture's config record, shown in <see cref="Info"/>.</param>
    public LocalModel(string id, CausalLanguageModel module, ITextTokenizer tokenizer, object config)
    {
        if (tokenizer.VocabSize > module.VocabSize)
            throw new ArgumentException(
                $"Model '{id}': tokenizer has {tokenizer.VocabSize} tokens but the model only {module.VocabSize}.", nameof(tokenizer));
        (Id, Module, Tokenizer) = (id, module, tokenizer);
        module.eval();
        StopTokenIds = TextGenerator.DefaultStopTokenIds(tokenizer);
        scorer = new TextScorer(module, tokenizer);
        Info = new ModelInfo(id, module.Architecture, module.ParameterCount, module.VocabSize, module.MaxLength,
            module.Device.ToString(), config);
    }

    /// <summary>The name the model was loaded under.</summary>
    public string Id { get; }

    /// <summary>The TorchSharp module (for training or direct forward passes).</summary>
    public CausalLanguageModel Module { get; }

    /// <summary>The tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>Architecture, size and config.</summary>
    public ModelInfo Info { get; }

    /// <summary>
    /// Tokens that end generation: for HF folders eos_token_id (an int or a list) of config.json and
    /// generation_config.json and the tokenizer's EOS; for llama2.c models EOS and BOS, as run.c stops.
    /// </summary>
    public IReadOnlyCollection<int> StopTokenIds { get; init; }

    /// <summary>The generator over this model, stopping at <see cref="StopTokenIds"/>.</summary>
    public TextGenerator Generator => generator ??= new TextGenerator(Module, Tokenizer, StopTokenIds);

    /// <summary>The prefix of a Hugging Face Hub model id where a model path is expected: <c>hf://owner/name[@revision][/path/model.bin]</c>.</summary>
    public const string HubPrefix = "hf://";

    /// <summary>
    /// The local path of a model: <paramref name="path"/> itself; for <c>hf://owner/name[@revision]</c> the cache
    /// folder, downloaded first when it is not complete there; for <c>hf://owner/name[@revision]/path/model.bin</c> a
    /// llama2.c checkpoint inside the repo, downloaded with its tokenizer beside it.
    /// </summary>
    /// <param name="path">A model path or Hub id.</param>
    /// <param name="hub">Hub endpoint, cache and token; null reads HF_ENDPOINT, CAI_CACHE and HF_TOKEN.</param>
    /// <param name="sha256Sums">Expected sha256 of Hub files by their path inside the repo, checked on download.</param>
    /// <exception cref="HubDownloadException">A Hub id could not be downloaded.</exception>
    /// <exception cref="ArgumentException">A Hub id is malformed.</exception>
    public static string ResolvePath(string path, HubOptions? hub = null, IReadOnlyDictionary<string, string>? sha256Sums = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsHubId(path))
            return path;
        var (repo, file) = HubRepo.ParsePath(path[HubPrefix.Length..]);
        using var client = new HubClient(hub ?? HubOptions.FromEnvironment());
        // Loading is synchronous (it reads whole checkpoints); the download blocks the same way.
        return (file is null
            ? client.DownloadModelAsync(repo.ToString(), sha256Sums)
            : client.DownloadLlama2cAsync(repo, file, sha256Sums)).GetAwaiter().GetResult();
    }

    /// <summary>Whether <paramref name="path"/> names a Hub model (<c>hf://...</c>) rather than a file or folder.</summary>
    public static bool IsHubId(string path) => path.StartsWith(HubPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Loads a model from a llama2.c <c>.bin</c> checkpoint (tokenizer <c>tok{vocab}.bin</c> or <c>tokenizer.bin</c>
    /// beside it unless <paramref name="tokenizerPath"/> is given), from a HF model folder, or from the Hub as
    /// <c>hf://owner/name[@revision]</c>: downloaded into the cache on first use (sha256-verified, resumable) and read
    /// from there afterwards, offline. Pin a revision (a commit) to get the same weights every time.
    /// </summary>
    /// <param name="path">A llama2.c checkpoint file, a HF folder (config.json, *.safetensors, tokenizer files) or a Hub id.</param>
    /// <param name="tokenizerPath">Explicit tokenizer file; null searches beside the model.</param>
    /// <param name="device">Where to put the weights; null means CPU.</param>
    /// <param name="hub">Hub endpoint, cache and token for <c>hf://</c> ids; null reads HF_ENDPOINT, CAI_CACHE and HF_TOKEN.</param>
    /// <exception cref="FileNotFoundException">The model or its tokenizer is missing; the message names the paths tried.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it.</exception>
    /// <exception cref="NotSupportedException">The path is not a format this build can load.</exception>
    /// <exception cref="HubDownloadException">A Hub id could not be downloaded.</exception>
    public static LocalModel Load(string path, string? tokenizerPath = null, Device? device = null, HubOptions? hub = null)
    {
        path = ResolvePath(path, hub);
        LocalModel? loaded = null;
        if (Directory.Exists(path))
        {
            LoadHfFolder(path, tokenizerPath, device ?? CPU, ref loaded);
            return loaded ?? throw new NotSupportedException(
                $"'{path}' is a folder, but this build has no HF folder loader (src/Models/Hf implements LoadHfFolder).");
        }
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model '{path}' not found (expected a llama2.c .bin file or a HF model folder).", path);
        if (!path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"'{path}' is not a llama2.c .bin checkpoint or a HF model folder.");
        return LoadLlama2c(path, tokenizerPath, device ?? CPU);
    }

    /// <summary>Extension point: the HF loader (another file of this partial class) sets <paramref name="model"/>.</summary>
    static partial void LoadHfFolder(string folder, string? tokenizerPath, Device device, ref LocalModel? model);

    static LocalModel LoadLlama2c(string path, string? tokenizerPath, Device device)
    {
        var config = Llama2cCheckpoint.ReadConfig(path);
        var tokenizer = Llama2cTokenizer.Load(Llama2cTokenizerFiles.Find(path, config.VocabSize, tokenizerPath), config.VocabSize);
        var module = Llama2cCheckpoint.Load(path);
        module.to(device);
        return new LocalModel(Path.GetFileNameWithoutExtension(path), module, tokenizer, module.Config);
    }

    /// <summary>Continues one prompt (BOS added); NumReturnSequences &gt; 1 returns the first sample only.</summary>
    public GeneratedSequence Generate(string prompt, GenerationOptions? options = null) =>
        Generator.Generate([prompt], (options ?? new GenerationOptions()) with { NumReturnSequences = 1 })[0];

    /// <summary>Continues several prompts in one batch; NumReturnSequences results per prompt, in prompt order.</summary>
    public IReadOnlyList<GeneratedSequence> GenerateBatch(IReadOnlyList<string> prompts, GenerationOptions? options = null) =>
        Generator.Generate(prompts, options ?? new GenerationOptions());

    /// <summary>Log-probability of <paramref name="completion"/> after <paramref name="prompt"/> (lm-evaluation-harness style).</summary>
    public SequenceScore Score(string prompt, string completion) => scorer.Score(prompt, completion);

    /// <summary>Scores several (prompt, completion) texts in one batch.</summary>
    public IReadOnlyList<SequenceScore> ScoreBatch(IReadOnlyList<(string Prompt, string Completion)> texts) => scorer.ScoreBatch(texts);

    /// <summary>Scores several texts, each completion followed by its end token when one is given (see <see cref="TextScorer"/>).</summary>
    public IReadOnlyList<SequenceScore> ScoreBatch(IReadOnlyList<(string Prompt, string Completion)> texts, IReadOnlyList<int?> endTokens) =>
        scorer.ScoreBatch(texts, endTokens);

    /// <summary>The <paramref name="k"/> most likely next tokens after <paramref name="prompt"/> (multiple-choice judging).</summary>
    public IReadOnlyList<TokenLogProb> NextTokenLogProbs(string prompt, int k = 5) => scorer.NextTokenLogProbs(prompt, k);

    /// <summary>Releases the module's tensors.</summary>
    public void Dispose() => Module.Dispose();
}
