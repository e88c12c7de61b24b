using System.Globalization;
using System.Text;

namespace Cai.Pipeline.Evaluation;

/// <summary>A plain-text table of an <see cref="EvalReport"/>: one row per number, metric | value | detail.</summary>
public static class EvalReportTable
{
    /// <summary>The table's rows (metric, value, detail), in display order; the HTML report reuses them.</summary>
    public static IReadOnlyList<(string Metric, string Value, string Detail)> Rows(EvalReport report)
    {
        var rows = new List<(string, string, string)>();
        if (report.ViolationRate is { } v)
        {
            rows.Add(("violation rate", F(v.ViolationRate), $"± {F(v.StandardError)} over {v.Completions} completions of {v.Model}" +
                (v.PromptStandardError is { } byPrompt ? $" (± {F(byPrompt)} over prompts)" : "")));
            rows.Add(("mean violations", F(v.MeanViolations), "principles violated per completion"));
            foreach (var (id, rate) in v.PerPrinciple)
                rows.Add(($"  {id}", F(rate), "violation rate"));
        }
        if (report.HeldOutViolationRate is { } h)
        {
            rows.Add(("held-out violation rate", F(h.ViolationRate), $"± {F(h.PromptStandardError ?? h.StandardError)} over the same completions, " +
                                                                    $"constitution {report.HeldOutConstitution} (never used in training)"));
            foreach (var (id, rate) in h.PerPrinciple)
                rows.Add(($"  {id}", F(rate), "held-out violation rate"));
        }
        if (report.RewardScore is { } s)
            rows.Add(("reward-model score", F(s.Mean), $"{(s.PromptStandardError is { } se ? $"± {F(se)} over prompts, " : "")}mean of {s.Completions} completions by {s.RewardModel}"));
        if (report.Kl is { } kl)
        {
            rows.Add(("KL per sequence", F(kl.KlPerSequence), $"± {F(kl.StandardError)} nats, {kl.Policy} || {kl.Reference}, {kl.Sequences} samples"));
            rows.Add(("KL per token", F(kl.KlPerToken), $"nats over {kl.Tokens} tokens"));
        }
        if (report.WinRate is { } w)
            rows.Add(("win rate", F(w.WinRate), $"± {F(w.StandardError)}, {w.ModelA} vs {w.ModelB} by {w.Judge}: " +
                                                 $"{w.Wins} wins, {w.Losses} losses, {w.Ties} ties"));
        if (report.Hhh is { } hhh)
            rows.Add(("HHH accuracy", F(hhh.Accuracy), $"± {F(hhh.StandardError)}, {hhh.Correct}/{hhh.Count} by {hhh.Judge}"));
        if (report.RewardAccuracy is { } r)
            rows.Add(("reward accuracy", r.Accuracy is { } a ? F(a) : "n/a", r.Metric ?? r.Note ?? ""));
        return rows;
    }

    /// <summary>Formats the report as aligned text, with a header naming the seed and sample counts.</summary>
    public static string Format(EvalReport report)
    {
        var rows = Rows(report);
        var text = new StringBuilder();
        var constitution = report.Constitution is null ? "" : $", constitution {report.Constitution} ({report.ConstitutionHash?[..12]})";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"eval of {report.Model}: {report.Prompts} prompts x {report.SamplesPerPrompt} samples, max {report.MaxTokens} tokens, temperature {report.Temperature:0.###}, seed {report.Seed}{constitution}"));
        if (rows.Count == 0)
        {
            text.AppendLine("no metrics were enabled (give --constitution, --reference, --compare, --hhh or --reward-run)");
            return text.ToString();
        }
        var width = Math.Max("metric".Length, rows.Max(r => r.Metric.Length));
        var valueWidth = Math.Max("value".Length, rows.Max(r => r.Value.Length));
        text.AppendLine($"{"metric".PadRight(width)}  {"value".PadLeft(valueWidth)}  detail");
        foreach (var (metric, value, detail) in rows)
            text.AppendLine($"{metric.PadRight(width)}  {value.PadLeft(valueWidth)}  {detail}");
        return text.ToString();
    }

    static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
