using System.Diagnostics;
using Cai.Train.Loop;
using Spectre.Console;

namespace Cai.Cli.Progress;

/// <summary>
/// A Spectre.Console progress bar for <c>cai train</c> on an interactive terminal: step, loss and it/s. When output is
/// redirected the trainer's periodic log lines carry the same information instead.
/// </summary>
internal sealed class TrainProgress
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    ProgressTask? bar;
    int firstStep = -1;

    /// <summary>Updates the bar after an optimizer step (called on the training thread).</summary>
    public void Report(StepProgress progress)
    {
        if (bar is null)
            return;
        if (firstStep < 0)
        {
            firstStep = progress.Step - 1;
            clock.Restart();
        }
        var rate = (progress.Step - firstStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        bar.MaxValue = progress.TotalSteps;
        bar.Value = progress.Step;
        bar.Description = FormattableString.Invariant($"train {progress.Step}/{progress.TotalSteps}  loss {progress.Loss:F4}  {rate:F2} it/s");
    }

    /// <summary>Runs <paramref name="train"/> under the bar, drawn on stderr.</summary>
    public void Run(Action train)
    {
        ProgressBars.Create()
            .Start(ctx =>
            {
                bar = ctx.AddTask("train", maxValue: 1);
                train();
                bar.Value = bar.MaxValue;
            });
    }
}
