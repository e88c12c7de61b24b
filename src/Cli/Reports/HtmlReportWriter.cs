using System.Globalization;
using System.Net;
using System.Text;

namespace Cai.Cli.Reports;

/// <summary>
/// Renders <see cref="RunReportData"/> as one self-contained HTML file: inline CSS, charts as base64 PNG data URIs,
/// every piece of record text HTML-escaped. Sections with no data show a note instead.
/// </summary>
internal static partial class HtmlReportWriter
{
    const string Css = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .note{color:#865;font-style:italic}.chain{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
        .text{white-space:pre-wrap;background:#fafafa;padding:.4em;border-left:3px solid #9bd}
        .critique{border-left-color:#e9a}.final{border-left-color:#7c7}img{max-width:100%}
        """;

    /// <summary>Renders the report.</summary>
    public static string Render(RunReportData data)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>cai report: {E(Path.GetFileName(Path.GetFullPath(data.RunDirectory).TrimEnd('/')))}</title>")
            .Append("<style>").Append(Css).Append("</style></head><body>\n")
            .Append($"<h1>cai run report: {E(data.RunDirectory)}</h1>\n");
        Overview(html, data);
        Stages(html, data);
        Principles(html, data);
        Chains(html, data);
        Labels(html, data);
        Training(html, data);
        Evaluations(html, data);
        if (data.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul>");
            foreach (var note in data.Notes) html.Append($"<li class=\"note\">{E(note)}</li>");
            html.Append("</ul>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    static void Overview(StringBuilder html, RunReportData data)
    {
        if (data.Manifest is not { } m)
            return;
        html.Append("<table>");
        Row(html, "run", m.RunId);
        Row(html, "constitution", m.Constitution is null ? "" : $"{m.Constitution} ({m.ConstitutionHash})");
        foreach (var (role, spec) in m.Models ?? new Dictionary<string, string>())
            Row(html, $"model: {role}", spec);
        Row(html, "seed", m.Seed?.ToString(CultureInfo.InvariantCulture) ?? "");
        Row(html, "code version", m.CodeVersion ?? "");
        Row(html, "started", m.StartedAt.ToString("u", CultureInfo.InvariantCulture));
        Row(html, "finished", m.FinishedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "not finished");
        html.Append("</table>\n");
    }

    static void Row(StringBuilder html, string key, string value) => html.Append($"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>");

    /// <summary>
    /// A table of the report's sections: the header row of <paramref name="columns"/>, then a row of escaped cells per
    /// entry of <paramref name="rows"/>; a numeric column's cells are right-aligned (<c>class="num"</c>).
    /// </summary>
    static void Table(StringBuilder html, Column[] columns, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>");
        foreach (var column in columns)
            html.Append($"<th>{column.Name}</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
                html.Append(columns[i].Numeric ? $"<td class=\"num\">{E(row[i])}</td>" : $"<td>{E(row[i])}</td>");
            html.Append("</tr>");
        }

        html.Append("</table>\n");
    }

    /// <summary>A column of <see cref="Table"/>: its header and whether its cells are numbers.</summary>
    readonly record struct Column(string Name, bool Numeric = false);

    static void Note(StringBuilder html, string text) => html.Append($"<p class=\"note\">{E(text)}</p>\n");

    static string Png(byte[] png, string alt) => $"<img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";

    static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes text for element content and attribute values.</summary>
    static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
