namespace Cai.Revise;

/// <summary>Fills a critiqued round's revision: asks the reviser, or keeps the text when the critic found nothing.</summary>
sealed class RoundReviser(IChatClient client, IReadOnlyList<Message> fewShot, ChatOptions? options, RevisionStats stats)
{
    public async Task<RevisionRound> CompleteAsync(
        IReadOnlyList<Message> conversation, string current, RevisionRound pending, Principle principle,
        CancellationToken cancellationToken)
    {
        if (pending.RevisionNeeded == false)
        {
            // The rules judge found nothing to fix: no request is sent and the text carries over unchanged.
            stats.Round(revised: false);
            return pending with { RevisionRequest = null, Revision = current, Flags = null };
        }
        var prompt = RevisionPrompt.Render(fewShot, conversation, current, pending.CritiqueRequest, pending.Critique,
            principle.Revision);
        var answer = await client.GetResponseAsync(ChatMessages.ToChat(prompt), options?.Clone(), cancellationToken)
            .ConfigureAwait(false);
        var revision = answer.Text.Trim();
        var flags = RevisionQuality.Check(current, revision, [principle.Revision]);
        stats.Round(revised: true);
        return pending with { RevisionRequest = principle.Revision, Revision = revision, Flags = flags.Count > 0 ? flags : null };
    }

    public RevisedRecord Finish(SampleRecord input, IReadOnlyList<RevisionRound> rounds, Lineage lineage)
    {
        var final = rounds[^1].Revision!;
        var flags = RevisionQuality.Check(input.Response.Content, final, rounds.Select(r => r.RevisionRequest));
        stats.Record(flags);
        return RevisedRecord.From(input, rounds, Message.Assistant(final), lineage, flags);
    }
}
