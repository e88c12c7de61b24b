using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Preference;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    // feedback and filters are the labeller's and the filter's own records, bound as sections of their own.
    PairsConfig Pairs(Dictionary<string, YamlNode>? e)
    {
        if (e is null || !e.TryGetValue("pairs", out var node) || r.Entries(node, "pairs", YamlReader.Keys(typeof(PairsConfig))) is not { } p)
            return new PairsConfig();
        return r.Bind(p, "pairs", new PairsConfig(), "feedback", "filters") with
        {
            Feedback = Clamp(p, Bind(p, "pairs", "feedback", new FeedbackOptions(), "clamp")),
            Filters = Bind(p, "pairs", "filters", new PairFilterOptions()),
        };
    }

    // clamp: [low, high] sets both of the record's clamp bounds at once, so it is read here rather than bound.
    FeedbackOptions Clamp(Dictionary<string, YamlNode>? p, FeedbackOptions feedback)
    {
        if (p is null || !p.TryGetValue("feedback", out var node) || node is not YamlMappingNode map
            || !map.Children.TryGetValue(new YamlScalarNode("clamp"), out var clampNode))
            return feedback;
        var (low, high) = OptionRanges.Numbers(OptionRanges.Of(typeof(FeedbackOptions).GetProperty(nameof(FeedbackOptions.ClampMin))!));
        var clamp = r.List(new() { ["clamp"] = clampNode }, "clamp", "pairs.feedback",
            $"a number {OptionRanges.Bounds(low, high, double.NegativeInfinity, double.PositiveInfinity)}",
            t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= low && v <= high ? v : (double?)null);
        if (clamp is not null && (clamp.Count != 2 || clamp[0] > clamp[1]))
        {
            r.Error(clampNode, "pairs.feedback.clamp", "expected [low, high] with low <= high, e.g. [0.4, 0.6]");
            return feedback;
        }
        return clamp is null ? feedback : feedback with { ClampMin = clamp[0], ClampMax = clamp[1] };
    }
}
