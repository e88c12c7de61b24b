namespace Cai.Train;

/// <summary>Anchors the Cai.Train assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
