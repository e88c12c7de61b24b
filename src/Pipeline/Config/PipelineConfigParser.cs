using Cai.Core.Yaml;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Runner;
using Cai.Revise;
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
        var pairs = Pairs(e);
        var train = Train(e, pairs.Exports);
        var seed = r.Long(e, "seed", "") ?? 0;
        var runDir = r.String(e, "run_dir", "") is { Length: > 0 } dir
            ? Resolve(dir)
            : Path.Combine(folder, "runs", Path.GetFileNameWithoutExtension(sourcePath));
        // What generate: leaves out falls back to the policy model's own sampling settings, then to the record's.
        var generate = Bind(e, "", "generate", (GenerateOptions)new GenerateOptions { Seed = seed }.With(policy?.Options));
        var revise = Bind(e, "", "revise", new ReviseOptions());
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
            Generate = generate,
            Revise = revise,
            Pairs = pairs,
            Train = train,
            Runner = Bind(e, "", "runner", new RunnerOptions()),
        };
        return config;
    }

    PromptSourceOptions? Prompts(Dictionary<string, YamlNode>? e, YamlNode root)
    {
        if (e is null || !e.TryGetValue("prompts", out var node))
        {
            r.Error(root, "", "missing required key 'prompts'");
            return null;
        }
        // format and limit bind onto the record (its range); path is resolved against the config's folder.
        if (r.Entries(node, "prompts", YamlReader.Keys(typeof(PromptSourceOptions))) is not { } p)
            return null;
        var path = RequiredPath(p, "path", node, "prompts");
        var options = r.Bind(p, "prompts", new PromptSourceOptions { Path = "" }, "path");
        return path is null ? null : options with { Path = path };
    }

    // A section bound straight onto its stage's options record: onto is the record with the defaults the file does not set.
    T Bind<T>(Dictionary<string, YamlNode>? e, string parent, string key, T onto) where T : class =>
        e is not null && e.TryGetValue(key, out var node) ? r.Bind(node, YamlReader.Field(parent, key), onto) : onto;

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
