using Cai.Core.Runs;

namespace Cai.Cli.Tests.Report;

/// <summary>Writes a small but realistic run directory by hand, in the record formats of src/Core/Records.</summary>
internal static class RunDirectoryBuilder
{
    public const string Evil = "<script>alert('x')</script> & \"friends\"";

    public static async Task WriteAsync(string dir)
    {
        var manifest = new RunManifest
        {
            RunId = "quick",
            Constitution = "kind-stories",
            ConstitutionHash = "0872bb2de7c12610",
            Models = new Dictionary<string, string> { ["policy"] = "local:stories260K.bin", ["critic"] = "rules" },
            Seed = 7,
            StartedAt = new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 27, 6, 1, 30, TimeSpan.Zero),
        }
        .WithStage("generate", new StageSummary { Written = 4, Failed = 1 })
        .WithStage("revise", new StageSummary { Written = 3 })
        .WithStage("prefs", new StageSummary { Written = 5 });
        await RunManifestFile.SaveAsync(manifest, dir);

        File.WriteAllLines(Path.Combine(dir, "generate.jsonl"), Enumerable.Range(0, 4).Select(i => Sample(i, "Once upon a time, a cat.")));
        File.WriteAllLines(Path.Combine(dir, "generate.failed.jsonl"),
            ["""{"id":"p9#0","stage":"generate","error_kind":"timeout","message":"model did not answer in 100 s","attempts":3}"""]);
        File.WriteAllLines(Path.Combine(dir, "revise.jsonl"),
        [
            Revised(0, "The dog hit the cat.", [("no-violence", "The dog hits the cat.", "The dog hugged the cat.")]),
            Revised(1, Evil, [("not-frightening", "Mentions " + Evil, "A calm night."), ("no-violence", "none", "A calm, kind night.")]),
            // The runner's variant: a round that needed no revision has revision_needed and no revision_request.
            """{"id":"p2#0","prompt_id":"p2","messages":[{"role":"user","content":"Tell a story 2."}],"response":{"role":"assistant","content":"A sunny day."},"sample_index":0,"model":"m","rounds":[{"principle_id":"calm-tone","critique_request":"Is it calm?","critique":"no problems found by checks","revision_needed":false}],"final":{"role":"assistant","content":"A sunny day."}}""",
        ]);
        // The runner's resume ledger: bookkeeping, not a stage.
        File.WriteAllLines(Path.Combine(dir, "generate.consumed.jsonl"), ["""{"id":"p0"}""", """{"id":"p1"}"""]);
        File.WriteAllLines(Path.Combine(dir, "prefs.jsonl"),
            new[] { 0.55, 0.62, 0.83, 0.91, 1.0 }.Select((p, i) => Pair(i, p)));
        var train = Directory.CreateDirectory(Path.Combine(dir, "train")).FullName;
        File.WriteAllLines(Path.Combine(train, "metrics.jsonl"), Enumerable.Range(1, 5).Select(step =>
            $$"""{"step":{{step}},"loss":{{0.7 - step * 0.05}},"rewards/margins":{{step * 0.1}},"rewards/accuracies":{{0.5 + step * 0.05}},"learning_rate":5e-7}"""));
    }

    static string Sample(int i, string text) =>
        $$"""{"id":"p{{i}}#0","prompt_id":"p{{i}}","messages":[{"role":"user","content":"Tell a story {{i}}."}],"response":{"role":"assistant","content":"{{text}}"},"sample_index":0,"model":"local:stories260K.bin","sampling":{"temperature":0.8,"max_tokens":96},"seed":{{100 + i}}}""";

    static string Revised(int i, string text, (string Principle, string Critique, string Revision)[] rounds)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = $"p{i}#0",
            prompt_id = $"p{i}",
            messages = new[] { new { role = "user", content = $"Tell a story {i}." } },
            response = new { role = "assistant", content = text },
            sample_index = 0,
            model = "local:stories260K.bin",
            rounds = rounds.Select(r => new
            {
                principle_id = r.Principle, critique_request = "Find problems.", critique = r.Critique,
                revision_request = "Fix them.", revision = r.Revision,
            }),
            final = new { role = "assistant", content = rounds[^1].Revision },
            lineage = new { constitution = "kind-stories", principle_ids = rounds.Select(r => r.Principle) },
        });
        return json;
    }

    static string Pair(int i, double labelProb) =>
        $$"""{"id":"pair{{i}}","prompt":[{"role":"user","content":"Tell a story {{i}}."}],"chosen":[{"role":"assistant","content":"A kind story."}],"rejected":[{"role":"assistant","content":"A scary story."}],"source":"feedback","label_prob":{{labelProb}},"principle_ids":["not-frightening"]}""";
}
