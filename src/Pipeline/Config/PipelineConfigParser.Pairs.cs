using Cai.Preference;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    static readonly Dictionary<string, PairMode> Modes = new() { ["revision"] = PairMode.Revision, ["feedback"] = PairMode.Feedback };

    static readonly Dictionary<string, FeedbackPairing> Pairings = new()
    {
        ["adjacent"] = FeedbackPairing.Adjacent, ["all"] = FeedbackPairing.AllPairs,
    };

    static readonly Dictionary<string, ExportFormat> ExportNames = new()
    {
        ["jsonl"] = ExportFormat.Jsonl, ["parquet"] = ExportFormat.Parquet, ["kto"] = ExportFormat.Kto, ["sft"] = ExportFormat.Sft,
    };

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
        var feedback = new FeedbackConfig();
        return new PairsConfig
        {
            Modes = Distinct(r.List(p, "modes", "pairs", "revision or feedback", t => Modes.TryGetValue(t, out var m) ? m : (PairMode?)null))
                    ?? defaults.Modes,
            Feedback = new FeedbackConfig
            {
                BothOrders = r.Boolean(f, "both_orders", "pairs.feedback") ?? feedback.BothOrders,
                Cot = r.Boolean(f, "cot", "pairs.feedback") ?? feedback.Cot,
                ClampMin = clamp?[0] ?? feedback.ClampMin,
                ClampMax = clamp?[1] ?? feedback.ClampMax,
                Ensemble = r.Integer(f, "ensemble", "pairs.feedback", 1) ?? feedback.Ensemble,
                MinConfidence = r.Number(f, "min_confidence", "pairs.feedback", 0, 0.5) ?? feedback.MinConfidence,
                Pairing = r.Choice(f, "pairing", "pairs.feedback", Pairings) ?? feedback.Pairing,
            },
            Filters = new FilterConfig
            {
                DropDuplicates = r.Boolean(filters, "drop_duplicates", "pairs.filters") ?? true,
                MaxLength = r.Integer(filters, "max_length", "pairs.filters", 1),
            },
            TestFraction = r.Number(p, "test_fraction", "pairs", 0, 0.9) ?? defaults.TestFraction,
            Exports = Distinct(r.List(p, "exports", "pairs", "jsonl, parquet, kto or sft",
                t => ExportNames.TryGetValue(t, out var x) ? x : (ExportFormat?)null)) ?? defaults.Exports,
            SftCritiques = r.Boolean(p, "sft_critiques", "pairs") ?? defaults.SftCritiques,
            MaxParallelism = r.Integer(p, "max_parallelism", "pairs", 1) ?? defaults.MaxParallelism,
        };
    }

    static List<T>? Distinct<T>(List<T>? values) => values?.Distinct().ToList();
}
