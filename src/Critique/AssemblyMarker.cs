namespace Cai.Critique;

/// <summary>Anchors the Cai.Critique assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
