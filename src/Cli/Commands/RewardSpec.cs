using System.Globalization;
using Cai.Core.Constitutions;
using Cai.Train.Models;
using Cai.Train.Online.Rewards;

namespace Cai.Cli.Commands;

/// <summary>
/// Turns <c>--reward</c> values into one reward source: <c>rules:&lt;constitution.yaml&gt;</c>, <c>word-count:&lt;word&gt;</c>, or a
/// reward-model folder written by <c>cai train reward</c>; each optionally weighted as <c>0.5*&lt;source&gt;</c>; several are summed.
/// </summary>
internal static class RewardSpec
{
    public static IRewardSource Parse(IReadOnlyList<string> specs, int batchSize)
    {
        if (specs.Count == 0)
            throw new CliException("--reward: give at least one reward source");
        var parts = specs.Select(s => ParseOne(s, batchSize)).ToArray();
        return parts is [(var only, 1.0)] ? only : new WeightedRewardSource(parts);
    }

    /// <summary>The reward-model folders among <paramref name="specs"/> (candidates for the value model).</summary>
    public static IEnumerable<string> ModelFolders(IEnumerable<string> specs) =>
        specs.Select(s => Split(s).Source).Where(s => !s.StartsWith("rules:", StringComparison.Ordinal) && !s.StartsWith("word-count:", StringComparison.Ordinal));

    static (IRewardSource, double) ParseOne(string spec, int batchSize)
    {
        var (weight, source) = Split(spec);
        if (source.StartsWith("rules:", StringComparison.Ordinal))
        {
            var path = source["rules:".Length..];
            var loaded = ConstitutionLoader.Load(path);
            if (!loaded.IsValid)
                throw new CliException(string.Join(Environment.NewLine, loaded.Diagnostics.Select(d => d.ToString())));
            return (new RulesRewardSource(loaded.Constitution!), weight);
        }

        if (source.StartsWith("word-count:", StringComparison.Ordinal))
        {
            var word = source["word-count:".Length..];
            return word.Length == 0 || word.Any(char.IsWhiteSpace)
                ? throw new CliException($"--reward {spec}: word-count needs one word, e.g. word-count:cat")
                : (new WordCountRewardSource(word), weight);
        }

        if (!File.Exists(Path.Combine(source, RewardModel.HeadFile)))
            throw new CliException($"--reward {spec}: not rules:<file>, word-count:<word> or a reward-model folder ({RewardModel.HeadFile} missing)");
        return (RewardModelSource.Load(source, batchSize), weight);
    }

    static (double Weight, string Source) Split(string spec)
    {
        var star = spec.IndexOf('*', StringComparison.Ordinal);
        return star > 0 && double.TryParse(spec[..star], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            ? (w, spec[(star + 1)..])
            : (1.0, spec);
    }
}
