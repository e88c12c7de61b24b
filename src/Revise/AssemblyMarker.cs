namespace Cai.Revise;

/// <summary>Anchors the Cai.Revise assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
