using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Runner;
using Cai.TestKit.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Tests.Runner;

/// <summary>Builds generate -> revise (fake) -> group -> prefs (fake) over a run directory and runs it.</summary>
internal static class RunnerHarness
{
    public const int Samples = 2;

    public static IReadOnlyList<PromptRecord> MakePrompts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => PromptRecord.FromText($"Prompt number {i}.", $"p{i}"))];

    public static async Task<RunOutcome> RunAsync(string runDir, IReadOnlyList<PromptRecord> prompts, MarkStage revise,
        FirstTwoPairStage? pairs = null, bool retryFailed = false, Shard? shard = null, int parallelism = 4,
        CancellationToken cancellationToken = default)
    {
        var policy = new FakeChatClient((messages, options) => $"{messages[^1].Text} / {options!.Seed}");
        var step = new StageStepOptions { MaxDegreeOfParallelism = parallelism, RetryFailed = retryFailed };
        IPipelineStep[] steps =
        [
            new StageStep<PromptRecord, SampleRecord>(
                new GenerateStage(policy, "fake:policy", new GenerateOptions { SamplesPerPrompt = Samples, Seed = 3 }), runDir, step),
            new StageStep<SampleRecord, RevisedRecord>(revise, runDir, step),
            new GroupStep<SampleRecord>("group", Samples),
            new StageStep<SampleGroup, PreferencePair>(pairs ?? new FirstTwoPairStage(), runDir, step),
        ];
        try
        {
            var runner = new PipelineRunner(runDir, steps, new RunnerOptions { ChannelCapacity = 2, Shard = shard ?? Shard.All },
                TimeProvider.System, NullLogger<PipelineRunner>.Instance);
            return await runner.RunAsync(prompts.ToAsyncEnumerable(), RunManifest.Start("test", TimeProvider.System), cancellationToken);
        }
        finally
        {
            foreach (var s in steps)
                await s.DisposeAsync();
        }
    }

    /// <summary>The non-empty lines of a stage file, sorted: equal for equal record sets whatever the write order.</summary>
    public static IReadOnlyList<string> SortedLines(string runDir, string file) =>
        File.Exists(Path.Combine(runDir, file))
            ? [.. File.ReadAllLines(Path.Combine(runDir, file)).Where(l => l.Length > 0).Order(StringComparer.Ordinal)]
            : [];

    public static IReadOnlyList<string> Ids(string runDir, string file) =>
        [.. SortedLines(runDir, file).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];
}
