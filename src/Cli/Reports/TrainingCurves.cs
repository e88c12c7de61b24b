namespace Cai.Cli.Reports;

/// <summary>The curves read from one <c>metrics.jsonl</c>.</summary>
/// <param name="Source">The file they came from.</param>
/// <param name="Series">The metrics found, in <see cref="MetricsFileReader.Metrics"/> order.</param>
internal sealed record TrainingCurves(string Source, IReadOnlyList<MetricSeries> Series);
