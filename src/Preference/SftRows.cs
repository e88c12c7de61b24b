using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// SL-CAI's training set (Bai et al. 2022, section 3): each revised sample becomes one SFT row whose conversation is
/// the prompt and the final revision, as TRL's SFTTrainer reads it (<c>messages</c>, loss on the last assistant turn).
/// With <c>critiques</c> the row keeps the whole critique→revision exchange before the final revision (the first
/// answer, then per revising round the critique request, critique, revision request and revision), the paper's
/// critiqued-revision ablation. A sample whose final answer is a poor target is left out: empty or echoing the request,
/// or identical to the first answer although a round asked for a revision (a revision that did not happen); a sample
/// that no round needed to revise keeps its first answer, which the constitution's checks passed.
/// </summary>
public static class SftRows
{
    /// <summary>The SFT row of <paramref name="record"/>, or null when its final answer is a poor training target.</summary>
    public static SftRecord? From(RevisedRecord record, bool critiques = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Rounds.Any(r => r.IsPending) || !Usable(record))
            return null;
        List<Message> messages = [.. record.Messages];
        if (critiques)
        {
            var revising = record.Rounds.Where(r => r.RevisionRequest is not null).ToList();
            if (revising.Count > 0)
            {
                messages.Add(Message.Assistant(record.Response.Content));
                foreach (var round in revising)
                {
                    messages.Add(Message.User(round.CritiqueRequest));
                    messages.Add(Message.Assistant(round.Critique));
                    messages.Add(Message.User(round.RevisionRequest!));
                    if (round != revising[^1])
                        messages.Add(Message.Assistant(round.Revision!));
                }
            }
        }
        messages.Add(Message.Assistant(record.Final.Content));
        return new SftRecord { Id = record.Id, Messages = messages, Lineage = record.Lineage };
    }

    /// <summary>The rows of <paramref name="records"/> that make good targets, in order.</summary>
    public static IEnumerable<SftRecord> From(IEnumerable<RevisedRecord> records, bool critiques = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => From(r, critiques)).OfType<SftRecord>();
    }

    static bool Usable(RevisedRecord record)
    {
        var flags = record.Flags ?? [];
        if (flags.Contains(QualityFlag.Empty) || flags.Contains(QualityFlag.EchoesRequest) || string.IsNullOrWhiteSpace(record.Final.Content))
            return false;
        return !flags.Contains(QualityFlag.IdenticalToInput) || record.Rounds.All(r => r.RevisionNeeded == false);
    }
}
