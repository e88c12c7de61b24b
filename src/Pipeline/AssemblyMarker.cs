namespace Cai.Pipeline;

/// <summary>Anchors the Cai.Pipeline assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
