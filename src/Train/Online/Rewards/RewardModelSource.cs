namespace Cai.Train.Online.Rewards;

/// <summary>
/// Scores responses with a reward model written by <c>cai train reward</c> (<see cref="RewardModel"/>: the scalar head
/// on the last real token of prompt + response, EOS included as in training). The reward model must share the policy's
/// tokenizer, as in TRL.
/// </summary>
public sealed class RewardModelSource(RewardModel model, int batchSize = 64, string name = "reward-model") : IRewardSource
{
    /// <inheritdoc />
    public string Name => name;

    /// <summary>Loads a reward-model folder (config.json + model.safetensors + score.safetensors) in eval mode.</summary>
    public static RewardModelSource Load(string dir, int batchSize = 64)
    {
        var model = new RewardModel(ModelFiles.LoadLlama(dir));
        model.Load(dir);
        model.eval();
        foreach (var p in model.parameters())
            p.requires_grad = false;
        return new RewardModelSource(model, batchSize, $"reward-model:{Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        var scores = new List<double>(batch.Count);
        var device = model.Backbone.Device;
        using var _ = no_grad();
        foreach (var chunk in batch.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = chunk.Select(q => q.PromptIds.Concat(q.ResponseIds).Select(i => (long)i).ToArray()).ToArray();
            var width = rows.Max(r => r.Length);
            var ids = new long[rows.Length * width]; // right-padded with 0; the head reads each row's last real token
            for (var b = 0; b < rows.Length; b++)
                Array.Copy(rows[b], 0, ids, b * width, rows[b].Length);
            var rewards = model.Rewards(tensor(ids, [rows.Length, width], device: device), rows.Select(r => r.Length).ToArray()); // (N)
            scores.AddRange(rewards.to_type(ScalarType.Float64).cpu().data<double>().ToArray());
        }

        return Task.FromResult<IReadOnlyList<double>>(scores);
    }
}
