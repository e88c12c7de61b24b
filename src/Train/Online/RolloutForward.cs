namespace Cai.Train.Online;

/// <summary>
/// Forward passes over rollout rows: the policy's (or reference's) logits and log-probs of the response tokens, and the
/// value model's per-token values. The logits that predict response token t sit at position P − 1 + t, and are divided
/// by the sampling temperature (+1e-7, as TRL), so the log-probs are those of the distribution that was sampled from.
/// </summary>
public static class RolloutForward
{
    /// <summary>Temperature-scaled logits predicting each response token (B, R, V) of the <paramref name="rows"/>.</summary>
    public static Tensor Logits(CausalLanguageModel model, RolloutBatch batch, Tensor rows, double temperature)
    {
        using var scope = NewDisposeScope();
        var p = batch.ContextLength;
        var logits = model.Forward(batch.QueryResponses.index_select(0, rows), batch.Positions.index_select(0, rows),
            batch.AttentionMask.index_select(0, rows)); // (B, P + R, V)
        var width = (int)logits.shape[1];
        return (logits[.., (p - 1)..(width - 1)] / (temperature + 1e-7)).MoveToOuterDisposeScope(); // (B, R, V)
    }

    /// <summary>log softmax(logits)[token] (B, R), in float32 at least.</summary>
    public static Tensor LogProbs(Tensor logits, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var z = logits.dtype is ScalarType.Float16 or ScalarType.BFloat16 ? logits.to_type(ScalarType.Float32) : logits;
        return (z.gather(-1, tokens.unsqueeze(-1)).squeeze(-1) - z.logsumexp(-1)).MoveToOuterDisposeScope();
    }

    /// <summary>The value of each response token's state (B, R): the head at the position before the token.</summary>
    public static Tensor Values(RewardModel valueModel, RolloutBatch batch, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var p = batch.ContextLength;
        var values = valueModel.Values(batch.QueryResponses.index_select(0, rows), batch.Positions.index_select(0, rows),
            batch.AttentionMask.index_select(0, rows)); // (B, P + R)
        var width = (int)values.shape[1];
        return values[.., (p - 1)..(width - 1)].MoveToOuterDisposeScope(); // (B, R)
    }

    /// <summary>Log-probs (B, R) of every row's response tokens under <paramref name="model"/>, in forward chunks of <paramref name="chunkSize"/> rows (call under no_grad).</summary>
    public static Tensor BatchLogProbs(CausalLanguageModel model, RolloutBatch batch, int chunkSize, double temperature)
    {
        using var scope = NewDisposeScope();
        var device = model.Device;
        var parts = Enumerable.Range(0, batch.Count).Chunk(chunkSize).Select(c => Rows(c, device))
            .Select(r => LogProbs(Logits(model, batch, r, temperature), batch.ResponseIds.index_select(0, r))).ToArray();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Row indices [start, end) as an int64 tensor on <paramref name="device"/>.</summary>
    public static Tensor Rows(IEnumerable<int> rows, Device device) => tensor(rows.Select(r => (long)r).ToArray(), device: device);
}
