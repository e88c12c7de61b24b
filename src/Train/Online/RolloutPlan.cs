namespace Cai.Train.Online;

/// <summary>
/// What <see cref="OnlineTrainingLoop"/> samples per update, derived from each algorithm's options: how many prompts,
/// how many completions per prompt and in which row order, how long and how hot, how many updates the run has, and
/// which metrics are plotted. PPO samples one response per prompt; RLOO and GRPO k per prompt in consecutive rows (TRL's
/// <c>RepeatSampler</c>); online DPO two per prompt, half-major (rows 0 … N − 1 first completions, N … 2N − 1 second).
/// </summary>
/// <param name="PromptsPerUpdate">Prompts drawn per update.</param>
/// <param name="SamplesPerPrompt">Completions sampled for each prompt.</param>
/// <param name="SampleMajor">Rows ordered sample-major (all first completions, then all second, ...) instead of prompt-major.</param>
/// <param name="ResponseLength">Most tokens sampled per completion.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="ChunkSize">Prompts per generation call.</param>
/// <param name="TotalUpdates">Updates in the run.</param>
public sealed record RolloutPlan(int PromptsPerUpdate, int SamplesPerPrompt, bool SampleMajor, int ResponseLength, double Temperature,
    int ChunkSize, int TotalUpdates)
{
    /// <summary>Nucleus sampling mass of the rollouts (<c>top_p</c>).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Sample among the k likeliest tokens only; null for all (<c>top_k</c>).</summary>
    public int? TopK { get; init; }

    /// <summary>A token that ends a response besides the model's end-of-text tokens, kept as its last token (<c>stop_token_id</c>).</summary>
    public int? StopTokenId { get; init; }

    /// <summary>
    /// Taken off the score of every completion that did not end with EOS before the algorithm learns from it (TRL's
    /// <c>scores[~contain_eos_token] -= missing_eos_penalty</c>, which discourages rambling to the length limit); null for
    /// none (<c>missing_eos_penalty</c> of PPO and online DPO).
    /// </summary>
    public double? MissingEosPenalty { get; init; }

    /// <summary>Reference samples fitting the reward normalisation; 0 for none.</summary>
    public int RewardNormalizationSamples { get; init; }

    /// <summary>The metrics plotted, one PNG each.</summary>
    public IReadOnlyList<string> PlottedMetrics { get; init; } = [];

    /// <summary>The metric the progress bar shows as the loss.</summary>
    public string LossMetric { get; init; } = "loss";

    /// <summary>The metric the log line shows as the score.</summary>
    public string ScoreMetric { get; init; } = "reward";

    /// <summary>The metric the log line shows as the KL.</summary>
    public string KlMetric { get; init; } = "kl";

    /// <summary>The scores the algorithm learns from: <paramref name="scores"/> less <see cref="MissingEosPenalty"/> where a completion did not end with EOS.</summary>
    public IReadOnlyList<double> Penalise(IReadOnlyList<double> scores, IReadOnlyList<bool> endedWithEos) =>
        MissingEosPenalty is { } penalty ? [.. scores.Select((s, i) => endedWithEos[i] ? s : s - penalty)] : scores;

    /// <summary>Completions sampled per update.</summary>
    public int RowsPerUpdate => PromptsPerUpdate * SamplesPerPrompt;

    /// <summary>The rows of one update: each prompt repeated <see cref="SamplesPerPrompt"/> times in the plan's order.</summary>
    public IReadOnlyList<T> Rows<T>(IReadOnlyList<T> prompts) =>
        SampleMajor
            ? [.. Enumerable.Range(0, SamplesPerPrompt).SelectMany(_ => prompts)]
            : [.. prompts.SelectMany(p => Enumerable.Repeat(p, SamplesPerPrompt))];

    /// <summary>PPO's plan: <c>batch_size</c> prompts, one response each, <c>total_episodes</c> or <c>max_steps</c>.</summary>
    public static RolloutPlan For(OnPolicyOptions options, int promptCount) =>
        new(options.BatchSize, 1, false, options.ResponseLength, options.Temperature, options.LocalRolloutForwardBatchSize,
            options.GetTotalUpdates(promptCount))
        {
            RewardNormalizationSamples = options.RewardNormalizationSamples,
            StopTokenId = options.StopTokenId,
            MissingEosPenalty = options.MissingEosPenalty,
            PlottedMetrics = ["objective/scores", "objective/rlhf_reward", "objective/kl", "objective/entropy", "loss/policy_avg", "loss/value_avg"],
            LossMetric = "loss/policy_avg",
            ScoreMetric = "objective/scores",
            KlMetric = "objective/kl",
        };

    /// <summary>RLOO's and GRPO's plan (the whole generation batch sampled in one generator call, as TRL does): a generation batch of <c>per_device_train_batch_size</c> × <c>gradient_accumulation_steps</c> completions, <c>num_generations</c> per prompt.</summary>
    public static RolloutPlan For(GroupRolloutOptions options, int promptCount)
    {
        var prompts = options.GenerationBatchSize / options.NumGenerations;
        return new(prompts, options.NumGenerations, false, options.MaxCompletionLength, options.Temperature, options.GenerationBatchSize,
            Updates(options, promptCount, prompts))
        {
            TopP = options.TopP,
            TopK = options.TopK,
            PlottedMetrics = ["reward", "reward_std", "kl", "loss", "completions/mean_length", "clip_ratio/region_mean"],
        };
    }

    /// <summary>Online DPO's plan: <c>per_device_train_batch_size</c> × <c>gradient_accumulation_steps</c> prompts, two completions each, half-major.</summary>
    public static RolloutPlan For(OnlineDpoOptions options, int promptCount)
    {
        var prompts = options.PerDeviceTrainBatchSize * options.GradientAccumulationSteps;
        return new(prompts, 2, true, options.MaxNewTokens, options.Temperature, prompts * 2,
            Updates(options, promptCount, prompts))
        {
            MissingEosPenalty = options.MissingEosPenalty,
            PlottedMetrics = ["objective/scores", "objective/kl", "loss", "rewards/margins", "rewards/accuracies"],
            ScoreMetric = "objective/scores",
            KlMetric = "objective/kl",
        };
    }

    static int Updates(TrainingOptions options, int promptCount, int promptsPerUpdate) =>
        options.MaxSteps > 0 ? options.MaxSteps : Math.Max(1, (int)Math.Ceiling(options.NumTrainEpochs * promptCount / promptsPerUpdate));
}
