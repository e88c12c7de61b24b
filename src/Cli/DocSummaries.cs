using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cai.Core.Yaml;

namespace Cai.Cli;

/// <summary>
/// The <c>&lt;summary&gt;</c> of a documented property as plain text, read from the XML documentation file the build
/// writes beside each assembly (<c>Cai.Train.xml</c>), so that a flag made from an options record shows the sentence
/// written on the property instead of a second copy of it. <c>&lt;c&gt;x&lt;/c&gt;</c> reads as x, a
/// <c>&lt;see cref&gt;</c> to an option's property as its key (<c>max_steps</c>), to anything else as its short
/// name. Without the file (or the member) there is no summary. Each file is read once per process, and only when help
/// is shown (<see cref="FlagHelp"/>).
/// </summary>
internal static partial class DocSummaries
{
    static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    /// <summary>The summary of <paramref name="property"/> as one line, or null when it has none.</summary>
    public static string? Of(PropertyInfo property)
    {
        var type = property.DeclaringType!;
        var members = Files.GetOrAdd(type.Assembly, Load);
        return members.GetValueOrDefault($"P:{type.FullName}.{property.Name}");
    }

    static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
            return new Dictionary<string, string>();
        return Read(XDocument.Load(path));
    }

    /// <summary>The one-line summaries of a documentation file, by member id (<c>P:Cai.Train.Options.PpoOptions.KlCoef</c>).</summary>
    public static IReadOnlyDictionary<string, string> Read(XDocument doc) =>
        doc.Descendants("member")
            .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, m => Text(m.Element("summary")!));

    static string Text(XElement summary) =>
        Spaces().Replace(string.Concat(summary.Nodes().Select(Text)), " ").Trim();

    static string Text(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("langword")?.Value ?? ShortName(e.Attribute("cref")?.Value ?? e.Value),
        XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
        XElement e => string.Concat(e.Nodes().Select(Text)),
        _ => "",
    };

    // A property that is an option key (a settable property of an options record) reads as that key
    // ("P:Cai.Train.Options.PpoOptions.AdapKlCtrl" as "adap_kl_ctrl"); anything else as its short name
    // ("P:Cai.Cli.Serve.ServeHost.BaseUrl" as "BaseUrl", "F:Cai.Train.Losses.KlEstimator.K1" as "K1").
    static string ShortName(string cref)
    {
        var name = cref.Split('(')[0];
        var dot = name.LastIndexOf('.');
        var member = name[(dot + 1)..];
        if (!cref.StartsWith("P:", StringComparison.Ordinal) || dot < 2)
            return member;
        var typeName = name[2..dot];
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        var key = Core.Options.OptionRanges.Key(member);
        return type is not null && YamlReader.Properties(type).TryGetValue(key, out var property) && property.Name == member ? key : member;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
