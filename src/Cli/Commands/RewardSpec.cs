using System.Globalization;
using Cai.Cli.Composition;
using Cai.Core.Constitutions;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Judging;
using Cai.Pipeline.Providers;
using Cai.Train.Models;
using Cai.Train.Online.Rewards;

namespace Cai.Cli.Commands;

/// <summary>
/// Turns <c>--reward</c> values into one reward source: <c>rules:&lt;constitution.yaml&gt;</c>, <c>word-count:&lt;word&gt;</c>, or a
/// reward-model folder written by <c>cai train reward</c>, or <c>judge:&lt;model-spec&gt;</c> (an AI judge rating each response by
/// the principles of <c>--constitution</c>); each optionally weighted as <c>0.5*&lt;source&gt;</c>; several are summed. For online
/// DPO alone, <c>pairwise-judge:&lt;model-spec&gt;</c>: the judge compares each prompt's two completions (the pipeline's feedback
/// question, both orders), the only source of the run.
/// </summary>
internal static class RewardSpec
{
    const string PairwisePrefix = "pairwise-judge:";

    /// <param name="specs">The <c>--reward</c> values.</param>
    /// <param name="batchSize">Rows per reward-model forward pass.</param>
    /// <param name="judge">What a judge needs; null when no judge may be used.</param>
    /// <param name="pairwise">Whether the trainer takes <c>pairwise-judge:</c> (online DPO's two completions per prompt).</param>
    public static IRewardSource Parse(IReadOnlyList<string> specs, int batchSize, JudgeSetup? judge = null, bool pairwise = false)
    {
        if (specs.Count == 0)
            throw new CliException("--reward: give at least one reward source");
        if (specs.FirstOrDefault(s => Split(s).Source.StartsWith(PairwisePrefix, StringComparison.Ordinal)) is { } comparison)
            return Pairwise(comparison, specs, judge, pairwise);
        var parts = specs.Select(s => ParseOne(s, batchSize, judge)).ToArray();
        return parts is [(var only, 1.0)] ? only : new WeightedRewardSource(parts);
    }

    static IRewardSource Pairwise(string spec, IReadOnlyList<string> specs, JudgeSetup? judge, bool pairwise)
    {
        if (!pairwise)
            throw new CliException($"--reward {spec}: a pairwise judge picks chosen and rejected for online-dpo; this trainer needs a score per response (judge:<model-spec> rates each one)");
        if (specs.Count > 1 || Split(spec).Weight != 1.0)
            throw new CliException($"--reward {spec}: a pairwise judge picks between two completions and is not summed or weighted; give it alone");
        var model = Split(spec).Source[PairwisePrefix.Length..];
        if (model.Length == 0)
            throw new CliException($"--reward {spec}: pairwise-judge needs a model spec, e.g. pairwise-judge:openai:gpt-4o-mini");
        if (judge?.ConstitutionPath is not { } constitution)
            throw new CliException($"--reward {spec}: a judge asks the principles' questions; give --constitution <yaml>");
        return judge.Create(model, LoadConstitution(constitution), pairwise: true);
    }

    /// <summary>The reward-model folders among <paramref name="specs"/> (candidates for the value model).</summary>
    public static IEnumerable<string> ModelFolders(IEnumerable<string> specs) =>
        specs.Select(s => Split(s).Source).Where(s => !s.StartsWith("rules:", StringComparison.Ordinal) && !s.StartsWith("word-count:", StringComparison.Ordinal)
            && !s.StartsWith("judge:", StringComparison.Ordinal) && !s.StartsWith(PairwisePrefix, StringComparison.Ordinal));

    static (IRewardSource, double) ParseOne(string spec, int batchSize, JudgeSetup? judge)
    {
        var (weight, source) = Split(spec);
        if (source.StartsWith("rules:", StringComparison.Ordinal))
            return (new RulesRewardSource(LoadConstitution(source["rules:".Length..])), weight);
        if (source.StartsWith("judge:", StringComparison.Ordinal))
        {
            var model = source["judge:".Length..];
            if (model.Length == 0)
                throw new CliException($"--reward {spec}: judge needs a model spec, e.g. judge:openai:gpt-4o-mini");
            if (judge?.ConstitutionPath is not { } constitution)
                throw new CliException($"--reward {spec}: a judge asks the principles' questions; give --constitution <yaml>");
            return (judge.Create(model, LoadConstitution(constitution)), weight);
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

    static Constitution LoadConstitution(string path)
    {
        var loaded = ConstitutionLoader.Load(path);
        return loaded.IsValid
            ? loaded.Constitution!
            : throw new CliException(string.Join(Environment.NewLine, loaded.Diagnostics.Select(d => d.ToString())));
    }

    static (double Weight, string Source) Split(string spec)
    {
        var star = spec.IndexOf('*', StringComparison.Ordinal);
        return star > 0 && double.TryParse(spec[..star], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            ? (w, spec[(star + 1)..])
            : (1.0, spec);
    }
}

/// <summary>What a <c>judge:</c> reward needs from the command: the chat-client factory, the constitution, where answers are cached.</summary>
/// <param name="Factory">Creates the judge's chat client (with the resilience pipeline).</param>
/// <param name="ConstitutionPath">The <c>--constitution</c> file; null when not given.</param>
/// <param name="CacheDir">Where the judge's answers and failures are kept (the run's <c>judge</c> folder).</param>
/// <param name="LoggerFactory">Logs failed judgements.</param>
internal sealed record JudgeSetup(ChatClientFactory Factory, string? ConstitutionPath, string CacheDir, Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory)
{
    /// <summary>The judges created, disposed by the command when training ends.</summary>
    public List<IAsyncDisposable> Owned { get; } = [];

    /// <summary>A judge rating each response (pointwise) or, <paramref name="pairwise"/>, comparing online DPO's two completions of each prompt.</summary>
    public IRewardSource Create(string model, Constitution constitution, bool pairwise = false)
    {
        var client = CliChatClients.Create(Factory, model);
        var cache = JudgeCache.Open(CacheDir);
        var judge = new AiJudge(new ChatClientChoiceLogProbs(client), model, constitution, cache,
            logger: Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<AiJudge>(LoggerFactory));
        var source = new JudgeRewardSource(judge, cache, client, pairwise);
        Owned.Add(source);
        return source;
    }
}
