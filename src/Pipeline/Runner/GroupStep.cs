using System.Threading.Channels;
using Cai.Core.Records;
using Cai.Core.Runs;

namespace Cai.Pipeline.Runner;

/// <summary>
/// Buffers samples per prompt id and sends each prompt's <see cref="SampleGroup"/> downstream once all
/// <c>groupSize</c> samples arrived; groups still missing members (a sample failed upstream) are sent, marked
/// incomplete, when the input ends. Keeps nothing on disk: the stores before and after it hold the state.
/// </summary>
/// <typeparam name="T">The sample record type.</typeparam>
public sealed class GroupStep<T>(string name, int groupSize) : IPipelineStep where T : SampleRecord
{
    readonly Dictionary<string, Dictionary<string, T>> pending = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public StageCounters Counters { get; } = new(name);

    /// <inheritdoc />
    public bool IsStored => false;

    /// <inheritdoc />
    public async Task RunAsync(ChannelReader<IRecord> input, ChannelWriter<IRecord>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await foreach (var record in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Counters.AddReceived();
            var sample = (T)record;
            // More samples per prompt than the group holds would split a prompt into groups that make no pairs.
            if (sample.SampleIndex >= groupSize)
                throw new InvalidDataException(
                    $"sample '{sample.Id}' has sample_index {sample.SampleIndex}, but groups hold {groupSize} samples per prompt: " +
                    $"set the samples per prompt (--samples-per-prompt, generate.samples_per_prompt) to the data's, at least {sample.SampleIndex + 1}");
            if (!pending.TryGetValue(sample.PromptId, out var members))
                pending[sample.PromptId] = members = new Dictionary<string, T>(StringComparer.Ordinal);
            members.TryAdd(sample.Id, sample);
            if (members.Count < groupSize)
                continue;
            pending.Remove(sample.PromptId);
            await output.WriteAsync(Group(sample.PromptId, members, complete: true), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (promptId, members) in pending.OrderBy(p => p.Key, StringComparer.Ordinal))
            await output.WriteAsync(Group(promptId, members, complete: false), cancellationToken).ConfigureAwait(false);
        pending.Clear();
        Counters.Completed = true;
    }

    SampleGroup Group(string promptId, Dictionary<string, T> members, bool complete)
    {
        Counters.AddProcessed();
        Counters.AddWritten();
        T[] samples = [.. members.Values.OrderBy(m => m.SampleIndex).ThenBy(m => m.Id, StringComparer.Ordinal)];
        return new SampleGroup
        {
            Id = promptId,
            Messages = samples[0].Messages,
            Samples = samples,
            IsComplete = complete,
        };
    }

    /// <inheritdoc />
    public StageSummary Summarize(DateTimeOffset? startedAt, DateTimeOffset? finishedAt) =>
        new() { Written = Counters.Written, StartedAt = startedAt, FinishedAt = finishedAt };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
