namespace Cai.Cli.Reports;

/// <summary>One logged metric over training steps, e.g. <c>loss</c> or <c>eval_rewards/margins</c>.</summary>
/// <param name="Name">The metric name as logged.</param>
/// <param name="Steps">The steps it was logged at.</param>
/// <param name="Values">The values, one per step.</param>
internal sealed record MetricSeries(string Name, IReadOnlyList<double> Steps, IReadOnlyList<double> Values);
