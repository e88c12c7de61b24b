using Cai.Core.Records;

namespace Cai.Core.Judging;

/// <summary>
/// The critique half of one critique-revision round (Bai et al. 2022, section 3.1), written once for the critique stage
/// and the revision chain: draw a principle the earlier rounds did not use, critique the current text against it, and
/// return the round with its revision pending.
/// </summary>
public static class CritiqueRound
{
    /// <summary>Critiques the text that <paramref name="previous"/> rounds left and returns the new, pending round.</summary>
    /// <param name="critic">Who critiques (a model critic or the rules critic).</param>
    /// <param name="chooser">Draws the round's principle from the sample id and the principles already used.</param>
    /// <param name="input">The sample.</param>
    /// <param name="previous">Its completed rounds, oldest first.</param>
    /// <param name="cancellationToken">Cancels the critic's call.</param>
    public static async Task<RevisionRound> CritiqueAsync(ICritic critic, PrincipleChooser chooser, SampleRecord input,
        IReadOnlyList<RevisionRound> previous, CancellationToken cancellationToken)
    {
        var principle = chooser(input.Id, [.. previous.Select(r => r.PrincipleId)]);
        var critique = await critic.CritiqueAsync(input.Messages, CurrentText(input, previous), principle, cancellationToken).ConfigureAwait(false);
        return new RevisionRound
        {
            PrincipleId = critique.PrincipleId,
            CritiqueRequest = critique.Request,
            Critique = critique.Critique,
            RevisionNeeded = critique.RevisionNeeded ? null : false,
        };
    }

    /// <summary>The text the next round works on: the last revision, or the sample's response before any round.</summary>
    public static string CurrentText(SampleRecord input, IReadOnlyList<RevisionRound> rounds) =>
        rounds.LastOrDefault(r => r.Revision is not null)?.Revision ?? input.Response.Content;
}
