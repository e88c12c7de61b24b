namespace Cai.Train.Loop;

/// <summary>Where a training run is after an optimizer step, for progress displays.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps the run will take.</param>
/// <param name="Loss">The step's mean training loss.</param>
public readonly record struct StepProgress(int Step, int TotalSteps, double Loss);
