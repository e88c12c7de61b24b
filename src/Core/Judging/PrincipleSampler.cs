using Cai.Core.Constitutions;
using Cai.Core.Runs;

namespace Cai.Core.Judging;

/// <summary>
/// Draws principles for an item's rounds, as in Bai et al. 2022 (section 3.1: "we randomly sample a principle for
/// each round"): weight-aware, a new principle each round until every principle has been used (then a new cycle),
/// and reproducible: round r of item i always draws from <c>SeededRandom.For(ItemSeed(i), "round/r")</c>, so a
/// resumed, sharded or reordered run draws exactly the same principles.
/// </summary>
public sealed class PrincipleSampler
{
    readonly Constitution constitution;
    readonly long runSeed;

    /// <summary>A sampler over <paramref name="constitution"/>'s principles for the run seeded <paramref name="runSeed"/>.</summary>
    /// <exception cref="ArgumentException">The constitution has no principles or a negative or non-finite weight.</exception>
    public PrincipleSampler(Constitution constitution, long runSeed)
    {
        ArgumentNullException.ThrowIfNull(constitution);
        if (constitution.Principles.Count == 0)
            throw new ArgumentException($"Constitution '{constitution.Name}' has no principles to sample.", nameof(constitution));
        if (constitution.Principles.FirstOrDefault(p => !double.IsFinite(p.Weight) || p.Weight < 0) is { } bad)
            throw new ArgumentException(
                $"Constitution '{constitution.Name}', principle '{bad.Id}': weight must be a finite number >= 0, got {bad.Weight}.",
                nameof(constitution));
        this.constitution = constitution;
        this.runSeed = runSeed;
    }

    /// <summary>The per-item seed every draw of <paramref name="itemId"/> derives from; recorded in lineage.</summary>
    public int ItemSeed(string itemId) => SeededRandom.DeriveSeed(runSeed, itemId);

    /// <summary>The principle for the round after <paramref name="usedPrincipleIds"/> (a <see cref="PrincipleChooser"/>).</summary>
    public Principle Next(string itemId, IReadOnlyList<string> usedPrincipleIds)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentNullException.ThrowIfNull(usedPrincipleIds);
        var round = usedPrincipleIds.Count;
        var principles = constitution.Principles;
        // Only the current cycle's draws are excluded: every principle once, then all of them again.
        var cycleStart = round - round % principles.Count;
        var used = usedPrincipleIds.Skip(cycleStart).ToHashSet(StringComparer.Ordinal);
        var candidates = principles.Where(p => !used.Contains(p.Id)).ToList();
        if (candidates.Count == 0) candidates = [.. principles]; // ids from another constitution: start afresh
        var random = SeededRandom.For(ItemSeed(itemId), $"round/{round}");
        return Draw(candidates, random);
    }

    /// <summary>The principles of the first <paramref name="count"/> rounds of <paramref name="itemId"/>.</summary>
    public IReadOnlyList<Principle> Sequence(string itemId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var drawn = new List<Principle>(count);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var next = Next(itemId, ids);
            drawn.Add(next);
            ids.Add(next.Id);
        }
        return drawn;
    }

    static Principle Draw(IReadOnlyList<Principle> candidates, Random random)
    {
        var total = candidates.Sum(p => p.Weight);
        if (total <= 0) return candidates[random.Next(candidates.Count)]; // all weights zero: uniform
        var target = random.NextDouble() * total;
        foreach (var p in candidates)
        {
            target -= p.Weight;
            if (target < 0) return p;
        }
        return candidates.Last(p => p.Weight > 0); // rounding left a sliver of mass at the end
    }
}
