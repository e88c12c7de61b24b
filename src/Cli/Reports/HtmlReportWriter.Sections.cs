using System.Globalization;
using System.Text;
using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Reports;

internal static partial class HtmlReportWriter
{
    static void Stages(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Stages</h2>\n");
        if (data.Stages.Count == 0) { Note(html, "No stage files found."); return; }
        Table(html,
            [
                new("stage"), new("records", true), new("failed", true), new("failure kinds"), new("resolved by a retry", true),
                new("unreadable lines", true), new("manifest written / failed / skipped"), new("seconds", true),
            ],
            data.Stages.Select(s => new[]
            {
                s.Stage, $"{s.Records}", $"{s.Failed}", string.Join(", ", s.FailureKinds.Select(k => $"{k.Key}: {k.Value}")), $"{s.Resolved}",
                $"{s.UnreadableLines}", s.Summary is { } m ? $"{m.Written} / {m.Failed} / {m.Skipped}" : "",
                s.Summary?.DurationSeconds is { } d ? N(d) : "",
            }));
        if (data.FailureExamples.Count == 0) return;
        html.Append("<h3>Failures</h3>");
        Table(html, [new("stage"), new("id"), new("kind"), new("attempts", true), new("message")],
            data.FailureExamples.Select(f => new[] { f.Stage, f.Id, f.ErrorKind, $"{f.Attempts}", f.Message }));
    }

    static void Principles(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Principle usage</h2>\n");
        if (data.PrincipleUsage.Count == 0) { Note(html, "No critique/revision rounds found."); return; }
        var total = (double)data.PrincipleUsage.Values.Sum();
        Table(html, [new("principle"), new("rounds", true), new("share", true)],
            data.PrincipleUsage.OrderByDescending(p => p.Value)
                .Select(p => new[] { p.Key, $"{p.Value}", (p.Value / total).ToString("P1", CultureInfo.InvariantCulture) }));
    }

    static void Chains(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Critique and revision chains</h2>\n");
        if (data.Chains.Count == 0) { Note(html, "No critique/revision records found."); return; }
        foreach (var chain in data.Chains)
        {
            html.Append($"<div class=\"chain\"><h3>{E(chain.Id)}</h3>");
            html.Append($"<p><b>prompt</b></p><div class=\"text\">{E(chain.Prompt)}</div>");
            html.Append($"<p><b>response</b> ({E(chain.Model)})</p><div class=\"text\">{E(chain.Response)}</div>");
            foreach (var (round, i) in chain.Rounds.Select((r, i) => (r, i + 1)))
            {
                html.Append($"<p><b>round {i}: {E(round.PrincipleId)}</b></p>");
                html.Append($"<div class=\"text critique\">{E(round.Critique)}</div>");
                html.Append(round.Revision is null ? "<p class=\"note\">no revision</p>" : $"<div class=\"text\">{E(round.Revision)}</div>");
            }
            html.Append($"<p><b>final</b></p><div class=\"text final\">{E(chain.Final)}</div></div>\n");
        }
    }

    static void Labels(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Preference pairs: label confidence</h2>\n");
        if (data.LabelProbs.Count == 0) { Note(html, data.Pairs == 0 ? "No preference pairs found." : $"{data.Pairs} pairs, none with a label_prob."); return; }
        html.Append($"<p>{data.Pairs} pairs; {data.LabelProbs.Count} with a label_prob, mean {N(data.LabelProbs.Average())}.</p>\n");
        html.Append(Png(ReportCharts.LabelHistogramPng(data.LabelProbs), "label_prob histogram")).Append('\n');
        var bins = ReportCharts.LabelProbabilityBins(data.LabelProbs);
        html.Append("<table><tr><th>label_prob</th>");
        for (var i = 0; i < 10; i++) html.Append($"<th>{N(i / 10.0)}-{N((i + 1) / 10.0)}</th>");
        html.Append("</tr><tr><td>pairs</td>");
        foreach (var count in bins) html.Append($"<td class=\"num\">{count}</td>");
        html.Append("</tr></table>\n");
    }

    static void Training(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Training curves</h2>\n");
        if (data.Curves.Count == 0) { Note(html, "No metrics.jsonl found (give --train-dir for a training run elsewhere)."); return; }
        foreach (var curves in data.Curves)
        {
            html.Append($"<h3>{E(curves.Source)}</h3>\n");
            foreach (var group in curves.Series.GroupBy(s => s.Name.StartsWith("eval_", StringComparison.Ordinal) ? s.Name[5..] : s.Name))
                html.Append(Png(ReportCharts.CurvePng(group.Key, [.. group]), group.Key)).Append('\n');
            Table(html, [new("metric"), new("points", true), new("first", true), new("last", true)],
                curves.Series.Select(s => new[] { s.Name, $"{s.Values.Count}", N(s.Values[0]), N(s.Values[^1]) }));
        }
    }

    static void Evaluations(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Evaluations</h2>\n");
        if (data.Evaluations.Count == 0) { Note(html, "No eval*.json found (write one with cai eval --out <run-dir>/eval.json)."); return; }
        foreach (var (path, report) in data.Evaluations)
        {
            html.Append($"<h3>{E(path)}</h3><p>{E(report.Model)}: {report.Prompts} prompts x {report.SamplesPerPrompt} samples, " +
                        $"max {report.MaxTokens} tokens, temperature {N(report.Temperature)}, seed {report.Seed}" +
                        $"{(report.Constitution is null ? "" : $", constitution {E(report.Constitution)}")}</p>\n");
            Table(html, [new("metric"), new("value", true), new("detail")],
                EvalReportTable.Rows(report).Select(r => new[] { r.Metric, r.Value, r.Detail }));
            if (report.ViolationRate is { Samples.Count: > 0 } v)
            {
                html.Append("<p><b>sample stories</b></p>");
                foreach (var s in v.Samples.Take(3))
                    html.Append($"<div class=\"text\">{E(s.Prompt + s.Completion)}</div><p>violations: {E(s.Violations.Count == 0 ? "none" : string.Join(", ", s.Violations))}</p>");
            }
        }
    }
}
