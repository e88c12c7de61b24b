namespace Cai.Architecture.Tests;

/// <summary>The dependency rules of DESIGN.md ("Layout"): dependencies point inward, no cycles.</summary>
public class DependencyRulesTests
{
    static readonly ProjectGraph Graph = ProjectGraph.Load();

    /// <summary>Which projects each project may reference directly (DESIGN.md's arrows).</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["Models"] = ["Core"],
        ["Critique"] = ["Core"],
        ["Revise"] = ["Core"],
        ["Preference"] = ["Core"],
        ["Pipeline"] = ["Core", "Critique", "Revise", "Preference", "Models"],
        ["Train"] = ["Core", "Models"],
        ["Cli"] = ["Core", "Pipeline", "Train", "Models", "Critique", "Revise", "Preference"],
    };

    [Fact]
    public void Projects_AreExactlyTheDesignedOnes()
    {
        Assert.Equal(Allowed.Keys.Order(), Graph.ProjectReferences.Keys.Order());
    }

    [Fact]
    public void ProjectReferences_PointOnlyInward()
    {
        var violations = Graph.ProjectReferences
            .SelectMany(p => p.Value.Where(r => !Allowed[p.Key].Contains(r)).Select(r => $"{p.Key} -> {r}"))
            .ToList();
        Assert.True(violations.Count == 0, "Forbidden project references: " + string.Join(", ", violations));
    }

    [Fact]
    public void ProjectReferences_HaveNoCycles()
    {
        var cyclic = Graph.ProjectReferences.Keys.Where(p => Graph.TransitiveProjects(p).Contains(p)).ToList();
        Assert.True(cyclic.Count == 0, "Projects in a reference cycle: " + string.Join(", ", cyclic));
    }

    [Theory]
    [InlineData("Critique")]
    [InlineData("Revise")]
    [InlineData("Preference")]
    public void StageProjects_NeverReferenceEachOther(string stage)
    {
        string[] stages = ["Critique", "Revise", "Preference"];
        Assert.Empty(Graph.TransitiveProjects(stage).Intersect(stages));
    }

    [Theory]
    [InlineData("Models", "microsoft.semantickernel.core")]
    [InlineData("Models", "polly.core")]
    [InlineData("Models", "serilog")]
    // Core carries Microsoft.Extensions.AI.Abstractions (types only) so message mapping lives once; Models sees those
    // types through Core but never the M.E.AI implementation or a provider SDK.
    [InlineData("Models", "microsoft.extensions.ai")]
    [InlineData("Models", "openai")]
    [InlineData("Core", "microsoft.extensions.ai")]
    [InlineData("Core", "openai")]
    [InlineData("Train", "microsoft.semantickernel.core")]
    [InlineData("Train", "polly.core")]
    [InlineData("Train", "serilog")]
    [InlineData("Train", "openai")]
    [InlineData("Critique", "torchsharp")]
    [InlineData("Revise", "torchsharp")]
    [InlineData("Preference", "torchsharp")]
    [InlineData("Core", "torchsharp")]
    [InlineData("Core", "serilog")]
    [InlineData("Pipeline", "serilog")]
    [InlineData("Critique", "serilog")]
    [InlineData("Revise", "serilog")]
    [InlineData("Preference", "serilog")]
    public void Project_DoesNotDependOnForbiddenPackage(string project, string package)
    {
        Assert.True(!Graph.Packages[project].Contains(package),
            $"{project} depends on {package} (directly or transitively), which DESIGN.md forbids.");
    }

    [Fact]
    public void Serilog_IsReferencedOnlyByTheCli()
    {
        var users = Graph.Packages.Where(p => p.Value.Contains("serilog")).Select(p => p.Key).ToList();
        Assert.Equal(["Cli"], users);
    }
}
