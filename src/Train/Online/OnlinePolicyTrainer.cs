using TorchSharp.Modules;

namespace Cai.Train.Online;

/// <summary>
/// What the online algorithms (PPO, RLOO, GRPO, online DPO) share: the policy, which also samples the rollouts; a frozen
/// copy of it as it is now as the reference, when the algorithm needs one; the parameters the optimizer updates; and
/// the policy saved as an HF folder at the root of a checkpoint. The options are validated once, here.
/// </summary>
public abstract class OnlinePolicyTrainer : IOnlineAlgorithm
{
    /// <summary>Validates <paramref name="options"/> and takes the reference.</summary>
    /// <param name="policy">The model to train (also the sampler).</param>
    /// <param name="options">The algorithm's options.</param>
    /// <param name="reference">Whether to keep a frozen copy of <paramref name="policy"/> as the reference.</param>
    /// <param name="otherParameters">Further parameters the optimizer updates (PPO's value model).</param>
    protected OnlinePolicyTrainer(CausalLanguageModel policy, TrainingOptions options, bool reference,
        IEnumerable<Parameter>? otherParameters = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Policy = policy;
        Reference = reference ? ModelCopy.Frozen(policy) : null;
        Parameters = [.. policy.parameters().Concat(otherParameters ?? []).Where(p => p.requires_grad)];
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public CausalLanguageModel Policy { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The frozen reference policy; null when the algorithm runs without one.</summary>
    protected CausalLanguageModel? Reference { get; }

    /// <inheritdoc />
    public abstract void Update(RolloutBatch rollout, IReadOnlyList<double> scores, OptimizerStepper stepper, MetricSums sums, int update);

    /// <inheritdoc />
    public virtual void Save(string dir, string? tokenizerFile) => ModelFiles.Save(Policy, dir, tokenizerFile);

    /// <inheritdoc />
    public virtual void Load(string dir) => ModelFiles.LoadWeights(Policy, dir);
}
