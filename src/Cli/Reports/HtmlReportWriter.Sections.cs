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
        html.Append("<table><tr><th>stage</th><th>records</th><th>failed</th><th>failure kinds</th><th>resolved by a retry</th>" +
                    "<th>unreadable lines</th><th>manifest written / failed / skipped</th><th>seconds</th></tr>");
        foreach (var s in data.Stages)
            html.Append($"<tr><td>{E(s.Stage)}</td><td class=\"num\">{s.Records}</td><td class=\"num\">{s.Failed}</td>" +
                        $"<td>{E(string.Join(", ", s.FailureKinds.Select(k => $"{k.Key}: {k.Value}")))}</td>" +
                        $"<td class=\"num\">{s.Resolved}</td>" +
                        $"<td class=\"num\">{s.UnreadableLines}</td>" +
                        $"<td>{(s.Summary is { } m ? $"{m.Written} / {m.Failed} / {m.Skipped}" : "")}</td>" +
                        $"<td class=\"num\">{(s.Summary?.DurationSeconds is { } d ? N(d) : "")}</td></tr>");
        html.Append("</table>\n");
        if (data.FailureExamples.Count == 0) return;
        html.Append("<h3>Failures</h3><table><tr><th>stage</th><th>id</th><th>kind</th><th>attempts</th><th>message</th></tr>");
        foreach (var f in data.FailureExamples)
            html.Append($"<tr><td>{E(f.Stage)}</td><td>{E(f.Id)}</td><td>{E(f.ErrorKind)}</td><td class=\"num\">{f.Attempts}</td><td>{E(f.Message)}</td></tr>");
        html.Append("</table>\n");
    }

    static void Principles(StringBuilder html, RunReportData data)
    {
        html.Append("<h2>Principle usage</h2>\n");
        if (data.PrincipleUsage.Count == 0) { Note(html, "No critique/revision rounds found."); return; }
        var total = (double)data.PrincipleUsage.Values.Sum();
        html.Append("<table><tr><th>principle</th><th>rounds</th><th>share</th></tr>");
        foreach (var (id, count) in data.PrincipleUsage.OrderByDescending(p => p.Value))
            html.Append($"<tr><td>{E(id)}</td><td class=\"num\">{count}</td><td class=\"num\">{(count / total).ToString("P1", CultureInfo.InvariantCulture)}</td></tr>");
        html.Append("</table>\n");
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
            html.Append("<table><tr><th>metric</th><th>points</th><th>first</th><th>last</th></tr>");
            foreach (var s in curves.Series)
                html.Append($"<tr><td>{E(s.Name)}</td><td class=\"num\">{s.Values.Count}</td><td class=\"num\">{N(s.Values[0])}</td><td class=\"num\">{N(s.Values[^1])}</td></tr>");
            html.Append("</table>\n");
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
            html.Append("<table><tr><th>metric</th><th>value</th><th>detail</th></tr>");
            foreach (var (metric, value, detail) in EvalReportTable.Rows(report))
                html.Append($"<tr><td>{E(metric)}</td><td class=\"num\">{E(value)}</td><td>{E(detail)}</td></tr>");
            html.Append("</table>\n");
            if (report.ViolationRate is { Samples.Count: > 0 } v)
            {
                html.Append("<p><b>sample stories</b></p>");
                foreach (var s in v.Samples.Take(3))
                    html.Append($"<div class=\"text\">{E(s.Prompt + s.Completion)}</div><p>violations: {E(s.Violations.Count == 0 ? "none" : string.Join(", ", s.Violations))}</p>");
            }
        }
    }
}
