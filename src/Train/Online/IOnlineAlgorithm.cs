using TorchSharp.Modules;

namespace Cai.Train.Online;

/// <summary>
/// What an online algorithm (PPO; next RLOO, GRPO, online DPO) adds to the shared <see cref="OnlineTrainingLoop"/>: how it
/// learns from one scored rollout batch and how its models are saved. The loop owns sampling, scoring, the optimizer,
/// the learning rate, metrics, the completions log, checkpoints and resume.
/// </summary>
public interface IOnlineAlgorithm
{
    /// <summary>Name written into trainer_state.json (<c>ppo</c>).</summary>
    string Name { get; }

    /// <summary>The policy that samples the rollouts.</summary>
    CausalLanguageModel Policy { get; }

    /// <summary>The parameters the optimizer updates (policy, and value model when there is one).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Learns from one rollout batch: its optimizer steps go through <paramref name="stepper"/>; metrics (TRL's names) go to <paramref name="sums"/>.</summary>
    /// <param name="rollout">The sampled responses.</param>
    /// <param name="scores">One score per response, from the reward source.</param>
    /// <param name="stepper">Backward, clip, NaN guard and optimizer step.</param>
    /// <param name="sums">Receives the update's metrics.</param>
    /// <param name="update">The 0-based update number (seeds the mini-batch order).</param>
    void Update(RolloutBatch rollout, IReadOnlyList<double> scores, OptimizerStepper stepper, MetricSums sums, int update);

    /// <summary>Writes the trained models and the algorithm's state into <paramref name="dir"/> (the policy as an HF folder at its root).</summary>
    void Save(string dir, string? tokenizerFile);

    /// <summary>Loads what <see cref="Save"/> wrote.</summary>
    void Load(string dir);
}
