using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Providers;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>Builds a <see cref="PipelineConfig"/> from the YAML tree, reporting problems through the reader.</summary>
sealed partial class PipelineConfigParser(YamlReader r, string folder, string sourcePath)
{
    public PipelineConfig? Parse(YamlMappingNode root)
    {
        var e = r.Entries(root, "", "run_dir", "seed", "prompts", "constitution", "models", "generate", "revise", "pairs", "runner", "train");
        var prompts = Prompts(e, root);
        var constitution = RequiredPath(e, "constitution", root);
        var (policy, critic, reviser, feedback) = Models(e, root);
        var generate = Section(e, "generate", "samples_per_prompt", "temperature", "top_p", "max_tokens", "max_parallelism");
        var revise = Section(e, "revise", "rounds", "max_parallelism", "few_shot");
        var runner = Section(e, "runner", "channel_capacity");
        var pairs = Pairs(e);
        var train = Train(e, pairs.Exports);
        var seed = r.Long(e, "seed", "") ?? 0;
        var runDir = r.String(e, "run_dir", "") is { Length: > 0 } dir
            ? Resolve(dir)
            : Path.Combine(folder, "runs", Path.GetFileNameWithoutExtension(sourcePath));
        var defaults = new GenerateOptions();
        var generateOptions = new GenerateOptions
        {
            SamplesPerPrompt = r.Integer(generate, "samples_per_prompt", "generate", 1, ConfigLimits.SamplesPerPrompt) ?? defaults.SamplesPerPrompt,
            Temperature = r.Number(generate, "temperature", "generate", 0, 100) ?? policy?.Options.Temperature ?? defaults.Temperature,
            TopP = r.Number(generate, "top_p", "generate", 0.001, 1),
            MaxTokens = r.Integer(generate, "max_tokens", "generate", 1, ConfigLimits.MaxTokens) ?? policy?.Options.MaxTokens ?? defaults.MaxTokens,
            Seed = seed,
        };
        if (prompts is null || constitution is null || policy is null || critic is null || reviser is null || feedback is null)
            return null;
        var config = new PipelineConfig
        {
            SourcePath = sourcePath,
            RunDir = runDir,
            Seed = seed,
            Prompts = prompts,
            Constitution = constitution,
            Policy = policy,
            Critic = critic,
            Reviser = reviser,
            Feedback = feedback,
            Generate = generateOptions,
            Rounds = r.Integer(revise, "rounds", "revise", 0, ConfigLimits.Rounds),
            Pairs = pairs,
            Train = train,
        };
        // The record's initializers are the defaults of what the file leaves out.
        return config with
        {
            GenerateParallelism = r.Integer(generate, "max_parallelism", "generate", 1, ConfigLimits.Parallelism) ?? config.GenerateParallelism,
            ReviseParallelism = r.Integer(revise, "max_parallelism", "revise", 1, ConfigLimits.Parallelism) ?? config.ReviseParallelism,
            FewShot = r.Boolean(revise, "few_shot", "revise") ?? config.FewShot,
            ChannelCapacity = r.Integer(runner, "channel_capacity", "runner", 1) ?? config.ChannelCapacity,
        };
    }

    PromptSourceOptions? Prompts(Dictionary<string, YamlNode>? e, YamlNode root)
    {
        if (e is null || !e.TryGetValue("prompts", out var node))
        {
            r.Error(root, "", "missing required key 'prompts'");
            return null;
        }
        var p = r.Entries(node, "prompts", "path", "format", "limit");
        var path = RequiredPath(p, "path", node, "prompts");
        var format = r.Choice<PromptFormat>(p, "format", "prompts") ?? PromptFormat.Jsonl;
        var limit = r.Integer(p, "limit", "prompts", 1);
        return path is null ? null : new PromptSourceOptions { Path = path, Format = format, Limit = limit };
    }

    Dictionary<string, YamlNode>? Section(Dictionary<string, YamlNode>? e, string key, params string[] known) =>
        e is not null && e.TryGetValue(key, out var node) ? r.Entries(node, key, known) : null;

    string? RequiredPath(Dictionary<string, YamlNode>? e, string key, YamlNode parent, string field = "")
    {
        var value = r.String(e, key, field);
        if (e is not null && !e.ContainsKey(key))
            r.Error(parent, field, $"missing required key '{key}'");
        else if (value is not null && value.Trim().Length == 0)
            r.Error(e![key], YamlReader.Field(field, key), "must not be empty");
        else if (value is not null)
            return Resolve(value.Trim());
        return null;
    }

    string Resolve(string path) => Path.GetFullPath(Path.Combine(folder, path));
}
