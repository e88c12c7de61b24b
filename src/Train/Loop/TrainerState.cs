namespace Cai.Train.Loop;

/// <summary>
/// Where a run stands, saved in each checkpoint as <c>trainer_state.json</c>. The data order and torch's seed are
/// functions of (seed, step) (see <see cref="BatchSchedule"/>), so the step is the whole RNG state to restore.
/// </summary>
/// <param name="GlobalStep">Optimizer steps completed.</param>
/// <param name="Epoch">Fractional epoch reached.</param>
/// <param name="Seed">The run's seed (<c>seed</c>).</param>
/// <param name="TotalSteps">The run's planned total steps (fixes the learning-rate schedule).</param>
/// <param name="Trainer">Which trainer wrote it (dpo, sft, reward, kto).</param>
/// <param name="DataHash">The <see cref="TrainerRun.DataHash"/> of the data it was trained on; null when not recorded.</param>
public sealed record TrainerState(int GlobalStep, double Epoch, int Seed, int TotalSteps, string Trainer, string? DataHash = null);
