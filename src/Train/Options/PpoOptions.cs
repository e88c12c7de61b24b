using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// Options of the PPO trainer, named after TRL's <c>PPOConfig</c> with its defaults (learning_rate 3e-6, kl_coef 0.05,
/// cliprange 0.2, vf_coef 0.1, gamma 1, lam 0.95, num_ppo_epochs 4), plus the adaptive KL controller of Ziegler et al.
/// 2019 under the names of TRL's original PPOTrainer (<c>adap_kl_ctrl</c>, <c>target</c>, <c>horizon</c>).
/// </summary>
public sealed record PpoOptions : OnPolicyOptions
{
    /// <summary>Creates PPO options with TRL's defaults.</summary>
    public PpoOptions()
    {
        LearningRate = 3e-6;
    }

    /// <summary>Optimisation passes over each rollout batch (<c>num_ppo_epochs</c>).</summary>
    /// <value>The default value is 4.</value>
    [Positive]
    public int NumPpoEpochs { get; init; } = 4;

    /// <summary>Weight of the per-token KL penalty (<c>kl_coef</c>); the starting value when <see cref="AdapKlCtrl"/> is on.</summary>
    /// <value>The default value is 0.05.</value>
    [NonNegative]
    public double KlCoef { get; init; } = 0.05;

    /// <summary>Per-token KL estimator in the reward (<c>kl_estimator</c>).</summary>
    /// <value>The default value is <see cref="KlEstimator.K1"/>.</value>
    public KlEstimator KlEstimator { get; init; } = KlEstimator.K1;

    /// <summary>Adapt <see cref="KlCoef"/> towards <see cref="Target"/> KL (Ziegler et al. 2019, §2.2) (<c>adap_kl_ctrl</c>).</summary>
    /// <value>The default value is false (TRL's PPOConfig has a fixed coefficient).</value>
    public bool AdapKlCtrl { get; init; }

    /// <summary>Target KL (nats per sequence) of the adaptive controller (<c>target</c>).</summary>
    /// <value>The default value is 6.0.</value>
    [Positive]
    public double Target { get; init; } = 6.0;

    /// <summary>Horizon of the adaptive controller, in episodes (<c>horizon</c>).</summary>
    /// <value>The default value is 10000.</value>
    [Positive]
    public double Horizon { get; init; } = 10000;

    /// <summary>Policy ratio clip ε (<c>cliprange</c>).</summary>
    /// <value>The default value is 0.2.</value>
    [Positive]
    public double Cliprange { get; init; } = 0.2;

    /// <summary>Value prediction clip around the rollout's values (<c>cliprange_value</c>).</summary>
    /// <value>The default value is 0.2.</value>
    [Positive]
    public double CliprangeValue { get; init; } = 0.2;

    /// <summary>Weight of the value loss (<c>vf_coef</c>).</summary>
    /// <value>The default value is 0.1.</value>
    [NonNegative]
    public double VfCoef { get; init; } = 0.1;

    /// <summary>Discount factor (<c>gamma</c>).</summary>
    /// <value>The default value is 1.0.</value>
    [Range(0.0, 1.0)]
    public double Gamma { get; init; } = 1.0;

    /// <summary>GAE λ (<c>lam</c>).</summary>
    /// <value>The default value is 0.95.</value>
    [Range(0.0, 1.0)]
    public double Lam { get; init; } = 0.95;

    /// <summary>Whiten the per-token rewards before GAE, keeping their mean (<c>whiten_rewards</c>).</summary>
    /// <value>The default value is false.</value>
    public bool WhitenRewards { get; init; }
}
