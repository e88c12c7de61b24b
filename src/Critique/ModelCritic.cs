namespace Cai.Critique;

/// <summary>
/// A critic model behind <see cref="IChatClient"/>: it sees the constitution's few-shot turns (unless turned off) and
/// the dialogue, then the principle's critique request (<see cref="CritiquePrompt"/>), and its answer is the critique.
/// </summary>
public sealed class ModelCritic : ICritic
{
    readonly IChatClient client;
    readonly ChatOptions? options;
    readonly IReadOnlyList<Message> fewShot;

    /// <summary>A critic answering through <paramref name="client"/>.</summary>
    /// <param name="client">The critic model.</param>
    /// <param name="model">The critic's model spec, recorded in lineage.</param>
    /// <param name="constitution">Supplies the few-shot examples.</param>
    /// <param name="options">Chat options for every critique; null takes the constitution's temperature and max tokens.</param>
    /// <param name="fewShot">Whether prompts start with the constitution's few-shot examples; off for a small context.</param>
    public ModelCritic(IChatClient client, string model, Constitution constitution, ChatOptions? options = null, bool fewShot = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(constitution);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        this.client = client;
        this.options = options ?? constitution.Defaults.ToChatOptions();
        this.fewShot = fewShot ? FewShotTurns.Render(constitution) : [];
        Model = model;
    }

    /// <inheritdoc />
    public string Model { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The critic answered with nothing.</exception>
    public async Task<CritiqueResult> CritiqueAsync(
        IReadOnlyList<Message> conversation, string response, Principle principle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principle);
        var prompt = CritiquePrompt.Render(fewShot, conversation, response, principle.Critique);
        var answer = await client.GetResponseAsync(ChatMessages.ToChat(prompt), options?.Clone(), cancellationToken)
            .ConfigureAwait(false);
        var critique = answer.Text.Trim();
        if (critique.Length == 0)
            throw new InvalidDataException($"Critic '{Model}' returned an empty critique for principle '{principle.Id}'.");
        return new CritiqueResult(principle.Id, principle.Critique, critique, RevisionNeeded: true);
    }
}
