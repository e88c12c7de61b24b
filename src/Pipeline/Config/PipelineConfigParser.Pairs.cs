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
            Feedback = Bind(p, "pairs", "feedback", new FeedbackOptions()),
            Filters = Bind(p, "pairs", "filters", new PairFilterOptions()),
        };
    }
}
