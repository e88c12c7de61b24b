using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Generate;

/// <summary>
/// Draws <see cref="GenerateOptions.SamplesPerPrompt"/> answers per prompt from the policy model. Sample k of prompt p
/// has id <c>p-s{k}</c> and seed <c>SeededRandom.DeriveSeed(run seed, "p-s{k}")</c>, so its answer does not depend on
/// the order or concurrency in which samples are drawn, and a resumed run asks for exactly what it would have.
/// </summary>
public sealed class GenerateStage : IStage<PromptRecord, SampleRecord>
{
    /// <summary>The stage name and output file stem.</summary>
    public const string StageName = "generate";

    readonly IChatClient policy;
    readonly string model;
    readonly GenerateOptions options;

    /// <summary>Creates the stage over <paramref name="policy"/>, recording <paramref name="model"/> as the model id.</summary>
    public GenerateStage(IChatClient policy, string model, GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (this.policy, this.model, this.options) = (policy, model, options);
    }

    /// <inheritdoc />
    public string Name => StageName;

    /// <summary>The id of sample <paramref name="index"/> of prompt <paramref name="promptId"/>.</summary>
    public static string SampleId(string promptId, int index) => $"{promptId}-s{index}";

    /// <inheritdoc />
    public async Task<StageResult<SampleRecord>> ProcessAsync(PromptRecord input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chat = ChatMessages.ToChat(input.Messages);
        // A prompt's samples are requested together: a local model decodes them in one batch (each with its own
        // seed, so the text is what it would be alone), a remote one gets them within its concurrency limit.
        var samples = await Task.WhenAll(Enumerable.Range(0, options.SamplesPerPrompt)
            .Select(k => SampleAsync(input, chat, k, cancellationToken))).ConfigureAwait(false);
        return StageResult<SampleRecord>.Ok(samples);
    }

    async Task<SampleRecord> SampleAsync(PromptRecord prompt, List<ChatMessage> chat, int index, CancellationToken ct)
    {
        var id = SampleId(prompt.Id, index);
        var seed = SeededRandom.DeriveSeed(options.Seed, id);
        var chatOptions = options.FillUnset(new ChatOptions { Seed = seed });
        var response = await policy.GetResponseAsync(chat, chatOptions, ct).ConfigureAwait(false);
        return new SampleRecord
        {
            Id = id,
            PromptId = prompt.Id,
            Messages = prompt.Messages,
            Response = Message.Assistant(response.Text ?? ""),
            SampleIndex = index,
            Model = model,
            Sampling = new SamplingParameters(options) { Seed = seed },
            Seed = seed,
        };
    }
}
