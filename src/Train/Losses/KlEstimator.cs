namespace Cai.Train.Losses;

/// <summary>
/// Per-token estimators of KL(π‖π_ref) from a sample of π (Schulman 2020, "Approximating KL Divergence",
/// http://joschu.net/blog/kl-approx.html); TRL's <c>kl_estimator</c>.
/// </summary>
public enum KlEstimator
{
    /// <summary>k1 = log π − log π_ref: unbiased, high variance, can be negative per token (TRL's default).</summary>
    K1,

    /// <summary>k3 = (r − 1) − log r with r = π_ref / π: unbiased, lower variance, never negative.</summary>
    K3,
}
