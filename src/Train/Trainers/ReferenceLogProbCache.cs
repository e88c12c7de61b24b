using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cai.Core.Storage;

namespace Cai.Train.Trainers;

/// <summary>
/// TRL's <c>precompute_ref_log_probs</c>: the reference model scores every pair once before training, the sums are
/// cached on disk under a key of (model weights hash, token ids of every pair), and training reads them back — so no
/// reference model stays in memory, and a later run on the same model and data reuses the file.
/// </summary>
public sealed class ReferenceLogProbCache : IReferenceLogProbs
{
    readonly double[][] train, eval; // per set: chosen sums [0..n), rejected sums [n..2n)

    ReferenceLogProbCache(double[][] train, double[][] eval, string path, bool reused) =>
        (this.train, this.eval, Path, Reused) = (train, eval, path, reused);

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>True when the file existed and nothing was computed.</summary>
    public bool Reused { get; }

    /// <summary>Loads the cache for (model, pairs) from <paramref name="cacheDir"/>, or computes and writes it.</summary>
    /// <param name="model">The reference model (the policy before training).</param>
    /// <param name="trainPairs">Training pairs.</param>
    /// <param name="evalPairs">Held-out pairs.</param>
    /// <param name="padId">Padding id for batching.</param>
    /// <param name="batchSize">Pairs per scoring batch.</param>
    /// <param name="cacheDir">Folder of cache files.</param>
    public static ReferenceLogProbCache LoadOrCompute(CausalLanguageModel model, IReadOnlyList<TokenizedPair> trainPairs,
        IReadOnlyList<TokenizedPair> evalPairs, int padId, int batchSize, string cacheDir)
    {
        var path = System.IO.Path.Combine(cacheDir, $"ref_logps-{Key(model, trainPairs, evalPairs)}.json");
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<double[][][]>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: expected [train, eval] arrays of log-probs");
            return new ReferenceLogProbCache(stored[0], stored[1], path, reused: true);
        }

        double[][] computedTrain = Compute(model, trainPairs, padId, batchSize), computedEval = Compute(model, evalPairs, padId, batchSize);
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(new[] { computedTrain, computedEval })).GetAwaiter().GetResult();
        return new ReferenceLogProbCache(computedTrain, computedEval, path, reused: false);
    }

    /// <inheritdoc />
    public Tensor Score(bool eval, int[] indices, SequenceBatch batch)
    {
        var set = eval ? this.eval : train;
        double[] values = [.. indices.Select(i => set[i][0]), .. indices.Select(i => set[i][1])];
        return tensor(values.Select(v => (float)v).ToArray(), device: batch.InputIds.device);
    }

    static double[][] Compute(CausalLanguageModel model, IReadOnlyList<TokenizedPair> pairs, int padId, int batchSize)
    {
        var result = new double[pairs.Count][];
        using var _ = no_grad();
        for (var start = 0; start < pairs.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var chunk = pairs.Skip(start).Take(batchSize).ToArray();
            using var batch = SequenceCollator.CollatePairs(chunk, padId, model.Device);
            var sums = PolicyLogProbs.Compute(model, batch).Summed.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
            for (var i = 0; i < chunk.Length; i++)
                result[start + i] = [sums[i], sums[chunk.Length + i]];
        }

        return result;
    }

    static string Key(CausalLanguageModel model, IReadOnlyList<TokenizedPair> trainPairs, IReadOnlyList<TokenizedPair> evalPairs)
    {
        var data = new StringBuilder(ModelHash.Of(model));
        foreach (var set in new[] { trainPairs, evalPairs })
        {
            data.Append('|');
            foreach (var p in set)
                data.Append(CultureInfo.InvariantCulture, $"{string.Join(',', p.Prompt)};{string.Join(',', p.Chosen)};{string.Join(',', p.Rejected)}/");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToString())))[..24];
    }
}
