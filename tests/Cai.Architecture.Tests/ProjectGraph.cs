using System.Text.Json;
using System.Xml.Linq;
using Cai.TestKit;

namespace Cai.Architecture.Tests;

/// <summary>
/// The src projects as the build sees them: direct project references from each .csproj and the full
/// transitive package closure from NuGet's obj/project.assets.json (written by restore).
/// </summary>
public sealed class ProjectGraph
{
    ProjectGraph(Dictionary<string, string[]> projectReferences, Dictionary<string, HashSet<string>> packages)
    {
        ProjectReferences = projectReferences;
        Packages = packages;
    }

    /// <summary>Project name (e.g. "Core") to the names of the projects it references directly.</summary>
    public IReadOnlyDictionary<string, string[]> ProjectReferences { get; }

    /// <summary>Project name to every package it depends on, transitively, lower-case.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Packages { get; }

    public static ProjectGraph Load()
    {
        var src = SharedData.Repo("src");
        var references = new Dictionary<string, string[]>();
        var packages = new Dictionary<string, HashSet<string>>();
        foreach (var csproj in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(csproj))!;
            references[name] = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(e => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(
                    Path.Combine(Path.GetDirectoryName(csproj)!, e.Attribute("Include")!.Value))))!)
                .ToArray();
            packages[name] = ReadPackageClosure(Path.Combine(Path.GetDirectoryName(csproj)!, "obj", "project.assets.json"));
        }
        return new ProjectGraph(references, packages);
    }

    /// <summary>Every project reachable from <paramref name="project"/> through project references.</summary>
    public IReadOnlySet<string> TransitiveProjects(string project)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(ProjectReferences[project]);
        while (stack.TryPop(out var next))
            if (seen.Add(next))
                foreach (var child in ProjectReferences[next]) stack.Push(child);
        return seen;
    }

    static HashSet<string> ReadPackageClosure(string assetsPath)
    {
        if (!File.Exists(assetsPath))
            throw new FileNotFoundException($"{assetsPath} is missing: run `dotnet restore cai.sln` first.", assetsPath);
        using var doc = JsonDocument.Parse(File.ReadAllText(assetsPath));
        return doc.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(lib => lib.Value.GetProperty("type").GetString() == "package")
            .Select(lib => lib.Name.Split('/')[0].ToLowerInvariant())
            .ToHashSet();
    }
}
