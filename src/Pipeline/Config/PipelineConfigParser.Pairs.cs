using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Preference;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    PairsConfig Pairs(Dictionary<string, YamlNode>? e)
    {
        var defaults = new PairsConfig();
        var p = Section(e, "pairs", "modes", "feedback", "filters", "test_fraction", "exports", "sft_critiques", "max_parallelism");
        var f = Section(p, "feedback", "both_orders", "cot", "clamp", "ensemble", "min_confidence", "pairing");
        var filters = Section(p, "filters", "drop_duplicates", "max_length");
        var clamp = r.List(f, "clamp", "pairs.feedback", "a number in [0, 1]",
            t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 ? v : (double?)null);
        if (clamp is not null && (clamp.Count != 2 || clamp[0] > clamp[1]))
        {
            r.Error(f!["clamp"], "pairs.feedback.clamp", "expected [low, high] with low <= high, e.g. [0.4, 0.6]");
            clamp = null;
        }
        var feedback = new FeedbackOptions();
        var filterDefaults = new PairFilterOptions();
        return new PairsConfig
        {
            Modes = r.Choices<PairMode>(p, "modes", "pairs") ?? defaults.Modes,
            Feedback = new FeedbackOptions
            {
                BothOrders = r.Boolean(f, "both_orders", "pairs.feedback") ?? feedback.BothOrders,
                Cot = r.Boolean(f, "cot", "pairs.feedback") ?? feedback.Cot,
                ClampMin = clamp?[0] ?? feedback.ClampMin,
                ClampMax = clamp?[1] ?? feedback.ClampMax,
                Ensemble = r.Integer(f, "ensemble", "pairs.feedback", 1, ConfigLimits.Ensemble) ?? feedback.Ensemble,
                MinConfidence = r.Number(f, "min_confidence", "pairs.feedback", 0, 0.5) ?? feedback.MinConfidence,
                Pairing = r.Choice<FeedbackPairing>(f, "pairing", "pairs.feedback") ?? feedback.Pairing,
            },
            Filters = new PairFilterOptions
            {
                DropDuplicates = r.Boolean(filters, "drop_duplicates", "pairs.filters") ?? filterDefaults.DropDuplicates,
                MaxLength = r.Integer(filters, "max_length", "pairs.filters", 1),
            },
            TestFraction = r.Number(p, "test_fraction", "pairs", 0, 0.9) ?? defaults.TestFraction,
            Exports = r.Choices<ExportFormat>(p, "exports", "pairs") ?? defaults.Exports,
            SftCritiques = r.Boolean(p, "sft_critiques", "pairs") ?? defaults.SftCritiques,
            MaxParallelism = r.Integer(p, "max_parallelism", "pairs", 1, ConfigLimits.Parallelism) ?? defaults.MaxParallelism,
        };
    }
}
