using TorchSharp.Modules;

namespace Cai.Train.Online;

/// <summary>
/// The optimizer step of online training with the guards of <see cref="TrainingLoop"/>: losses accumulate gradients,
/// <see cref="Step"/> clips the global norm to <c>max_grad_norm</c> and refuses to apply a NaN/inf loss or gradient
/// (<see cref="TrainingDivergedException"/>, naming the last good checkpoint), then steps AdamW and clears the gradients.
/// </summary>
public sealed class OptimizerStepper(OptimizerHelper optimizer, IReadOnlyList<Parameter> parameters, double maxGradNorm)
{
    bool badLoss;
    double lastLoss;

    /// <summary>The 1-based update being trained, for error messages.</summary>
    public int Update { get; set; }

    /// <summary>The last checkpoint written, for error messages.</summary>
    public string? LastCheckpoint { get; set; }

    /// <summary>Optimizer steps taken in this process.</summary>
    public int Steps { get; private set; }

    /// <summary>Adds the gradients of <paramref name="loss"/> (already scaled for accumulation).</summary>
    public void Backward(Tensor loss)
    {
        var value = loss.ToDouble();
        if (!double.IsFinite(value))
            (badLoss, lastLoss) = (true, value);
        loss.backward();
    }

    /// <summary>Clips, checks and applies the accumulated gradients; returns the gradient norm before clipping.</summary>
    /// <exception cref="TrainingDivergedException">The loss or the gradient norm is NaN or infinite.</exception>
    public double Step()
    {
        if (badLoss)
            throw new TrainingDivergedException(Update, "loss", lastLoss, LastCheckpoint);
        var norm = nn.utils.clip_grad_norm_(parameters, maxGradNorm > 0 ? maxGradNorm : double.PositiveInfinity);
        if (!double.IsFinite(norm))
            throw new TrainingDivergedException(Update, "grad_norm", norm, LastCheckpoint);
        optimizer.step();
        optimizer.zero_grad();
        Steps++;
        return norm;
    }
}
