namespace Cai.Critique;

/// <summary>
/// A critic model behind <see cref="IChatClient"/>: it sees the constitution's few-shot turns (unless turned off) and
/// the dialogue, then the principle's critique request (<see cref="CritiquePrompt"/>), and its answer is the critique.
/// </summary>
public sealed class ModelCritic : ICritic
{
    readonly IChatClient _client;
    readonly ChatOptions? _options;
    readonly IReadOnlyList<Message> _fewShot;

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
        _client = client;
        _options = options ?? constitution.Defaults.ToChatOptions();
        _fewShot = fewShot ? FewShotTurns.Render(constitution) : [];
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
        var prompt = CritiquePrompt.Render(_fewShot, conversation, response, principle.Critique);
        var answer = await _client.GetResponseAsync(ChatMessages.ToChat(prompt), _options?.Clone(), cancellationToken)
            .ConfigureAwait(false);
        var critique = answer.Text.Trim();
        if (critique.Length == 0)
            throw new InvalidDataException($"Critic '{Model}' returned an empty critique for principle '{principle.Id}'.");
        return new CritiqueResult(principle.Id, principle.Critique, critique, RevisionNeeded: true);
    }
}
