namespace Cai.Preference;

/// <summary>Anchors the Cai.Preference assembly for reflection (architecture tests, logging categories).</summary>
public static class AssemblyMarker;
