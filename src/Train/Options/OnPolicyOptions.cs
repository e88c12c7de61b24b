using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// What every online trainer shares (PPO now; RLOO, GRPO and online DPO next), named after TRL's <c>OnPolicyConfig</c>
/// with its defaults: how many responses an update samples and how (<c>response_length</c> 53, <c>temperature</c> 0.7),
/// how many updates a run has. One update samples <see cref="BatchSize"/> responses, scores them, and trains on them;
/// <c>max_steps</c> counts updates.
/// </summary>
public abstract record OnPolicyOptions : OnlineOptions
{
    /// <summary>Creates on-policy options with TRL's defaults (one pass over the prompts, temperature 0.7).</summary>
    protected OnPolicyOptions()
    {
        NumTrainEpochs = 1;
        Temperature = 0.7;
    }

    /// <summary>Mini-batches (optimizer steps) per pass over a rollout batch (<c>num_mini_batches</c>).</summary>
    /// <value>The default value is 1.</value>
    [Positive]
    public int NumMiniBatches { get; init; } = 1;

    /// <summary>Responses to train on in total; null means <c>num_train_epochs</c> passes over the prompts (<c>total_episodes</c>).</summary>
    /// <value>The default value is null.</value>
    [Positive]
    public int? TotalEpisodes { get; init; }

    /// <summary>Rows per forward pass when sampling and scoring rollouts (<c>local_rollout_forward_batch_size</c>).</summary>
    /// <value>The default value is 64.</value>
    [Positive]
    public int LocalRolloutForwardBatchSize { get; init; } = 64;

    /// <summary>Most tokens sampled per response (<c>response_length</c>).</summary>
    /// <value>The default value is 53.</value>
    [Positive]
    public int ResponseLength { get; init; } = 53;

    /// <summary>
    /// A token that ends a response (besides EOS, which always does): the response keeps it as its last token and is
    /// padded after it, as TRL's <c>truncate_response</c> does; a response ended by it is not counted as ending with EOS
    /// by <see cref="MissingEosPenalty"/> unless it is EOS. Null for none (<c>stop_token_id</c>).
    /// </summary>
    /// <value>The default value is null.</value>
    [NonNegative]
    public int? StopTokenId { get; init; }

    /// <summary>Subtracted from the score of a response that did not end with EOS; null disables it (<c>missing_eos_penalty</c>).</summary>
    /// <value>The default value is null.</value>
    [NonNegative]
    public double? MissingEosPenalty { get; init; }

    /// <summary>Responses sampled from the reference policy to fit the reward normalisation; 0 turns it off (<c>reward_normalization_samples</c>).</summary>
    /// <value>The default value is 0.</value>
    [NonNegative]
    public int RewardNormalizationSamples { get; init; }

    /// <summary>Responses per PPO update: per_device_train_batch_size · gradient_accumulation_steps · num_mini_batches (TRL's <c>batch_size</c>).</summary>
    public int BatchSize => PerDeviceTrainBatchSize * GradientAccumulationSteps * NumMiniBatches;

    /// <summary>PPO updates of the run: <c>max_steps</c> if positive, else ⌈total_episodes / batch_size⌉ (TRL's <c>num_total_batches</c>).</summary>
    /// <param name="promptCount">Prompts in the training set.</param>
    public int GetTotalUpdates(int promptCount)
    {
        if (MaxSteps > 0)
            return MaxSteps;
        var episodes = TotalEpisodes ?? (int)Math.Ceiling(NumTrainEpochs * promptCount);
        return Math.Max(1, (episodes + BatchSize - 1) / BatchSize);
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (RewardNormalizationSamples == 1)
            throw new ArgumentException("reward_normalization_samples must be 0 (off) or at least 2 (got 1)", "reward_normalization_samples");
    }
}
