using System.Text.RegularExpressions;
using Cai.Cli.Tests.Eval;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Report;

[Collection(CliTorchCollection.Name)]
public sealed class ReportCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-report-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    async Task<string> ReportAsync(params string[] extra)
    {
        var run = await CliRun.InProcessAsync(["report", dir, .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return File.ReadAllText(Path.Combine(dir, "report.html"));
    }

    static IReadOnlyList<byte[]> Images(string html) =>
        [.. Regex.Matches(html, "src=\"data:image/png;base64,([^\"]+)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value))];

    [Fact]
    public async Task Report_HandWrittenRun_ShowsStageCountsAndFailures()
    {
        await RunDirectoryBuilder.WriteAsync(dir);

        var html = await ReportAsync();

        Assert.Contains("<td>generate</td><td class=\"num\">4</td><td class=\"num\">1</td><td>timeout: 1</td>", html);
        Assert.Contains("<td>revise</td><td class=\"num\">3</td><td class=\"num\">0</td>", html);
        Assert.DoesNotContain("generate.consumed", html);
        Assert.Contains("<td>prefs</td><td class=\"num\">5</td>", html);
        Assert.Contains("model did not answer in 100 s", html);
        Assert.Contains("local:stories260K.bin", html);
    }

    [Fact]
    public async Task Report_HandWrittenRun_ShowsPrincipleUsageAndChains()
    {
        await RunDirectoryBuilder.WriteAsync(dir);

        var html = await ReportAsync();

        Assert.Contains("<td>no-violence</td><td class=\"num\">2</td>", html);
        Assert.Contains("<td>not-frightening</td><td class=\"num\">1</td>", html);
        Assert.Contains("round 1: no-violence", html);
        Assert.Contains("The dog hugged the cat.", html);
        Assert.Contains("round 2: no-violence", html);
        Assert.Contains("<td>calm-tone</td><td class=\"num\">1</td>", html);
        Assert.Contains("no problems found by checks</div><p class=\"note\">no revision</p>", html);
    }

    [Fact]
    public async Task Report_RecordTextWithMarkup_IsEscaped()
    {
        await RunDirectoryBuilder.WriteAsync(dir);

        var html = await ReportAsync();

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;", html);
    }

    [Fact]
    public async Task Report_HandWrittenRun_EmbedsHistogramAndTrainingCurvesAsPng()
    {
        await RunDirectoryBuilder.WriteAsync(dir);

        var html = await ReportAsync();

        var images = Images(html);
        Assert.Equal(4, images.Count); // label histogram + loss, rewards/margins, rewards/accuracies
        Assert.All(images, png => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]));
        Assert.Contains("alt=\"label_prob histogram\"", html);
        // 0.55 -> bin 5, 0.62 -> 6, 0.83 -> 8, 0.91 and 1.0 -> 9
        Assert.Contains("<td>pairs</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td>" +
                        "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td>" +
                        "<td class=\"num\">1</td><td class=\"num\">2</td>", html);
        Assert.Contains("<td>rewards/accuracies</td><td class=\"num\">5</td><td class=\"num\">0.55</td><td class=\"num\">0.75</td>", html);
    }

    [Fact]
    public async Task Report_TrainDirInsideTheRun_DrawsEachTrainingRunOnce()
    {
        await RunDirectoryBuilder.WriteAsync(dir);
        var train = Path.GetDirectoryName(Directory.GetFiles(dir, "metrics.jsonl", SearchOption.AllDirectories).Single())!;

        var html = await ReportAsync("--train-dir", train);

        Assert.Equal(4, Images(html).Count); // as without --train-dir: the one metrics.jsonl is not drawn twice
    }

    [Fact]
    public async Task Report_EmptyDirectory_WritesNotesInsteadOfFailing()
    {
        var html = await ReportAsync("--train-dir", Path.Combine(dir, "missing"));

        Assert.Contains("no manifest.json", html);
        Assert.Contains("No stage files found.", html);
        Assert.Contains("training directory", html);
        Assert.Empty(Images(html));
    }

    [Fact]
    public async Task Report_CorruptManifestAndTornLine_NotesAndCountsUnreadable()
    {
        await RunDirectoryBuilder.WriteAsync(dir);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{\"run_id\": ");
        File.AppendAllText(Path.Combine(dir, "generate.jsonl"), "{\"id\":\"p5#0\",\"prompt");

        var html = await ReportAsync();

        Assert.Contains("manifest.json unreadable", html);
        Assert.Contains("<td>generate</td><td class=\"num\">4</td><td class=\"num\">1</td><td>timeout: 1</td><td class=\"num\">0</td><td class=\"num\">1</td>", html);
    }

    [Fact]
    public async Task Report_MissingRunDirectory_FailsWithOneLine()
    {
        var run = await CliRun.InProcessAsync("report", Path.Combine(dir, "nope"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run directory not found", run.Stderr);
    }

    [Fact]
    public async Task Report_WithEvalJsonFromEvalCommand_ShowsEvaluationTable()
    {
        var (eval, _) = await EvalCommandTests.RunFullEvalAsync(dir);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        var outPath = Path.Combine(dir, "out", "r.html");

        var run = await CliRun.InProcessAsync("report", dir, "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var html = File.ReadAllText(outPath);
        Assert.Contains("<td>violation rate</td>", html);
        Assert.Contains("<td>KL per sequence</td><td class=\"num\">0.0000</td>", html);
        Assert.Contains("<td>win rate</td><td class=\"num\">0.5000</td>", html);
        Assert.Contains("<td>HHH accuracy</td>", html);
        Assert.Contains("sample stories", html);
        Assert.Contains("1 evaluations", run.Stdout);
    }
}
