namespace Cai.Models;

/// <summary>Anchors the Cai.Models assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
