namespace Cai.Core;

/// <summary>Anchors the Cai.Core assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
