using Cai.Core.Constitutions;

namespace Cai.Core.Judging;

/// <summary>
/// Chooses the principle for the next round of an item, given the principle ids its earlier rounds used.
/// <see cref="PrincipleSampler.Next"/> is the usual implementation.
/// </summary>
/// <param name="itemId">The item's stable id (what the choice is seeded from).</param>
/// <param name="usedPrincipleIds">The principle ids of the item's earlier rounds, in order.</param>
public delegate Principle PrincipleChooser(string itemId, IReadOnlyList<string> usedPrincipleIds);
