using Cai.Core.Yaml;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Resilience;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    // The keys of models.<role> that are not a property of ModelOptions by the same name: read here, onto the role's
    // record, the options' resilience and key variable.
    static readonly string[] HandReadModelKeys = ["spec", "fallback", "sha256", "threads", "api_key_env", "max_retries", "retry_base_delay"];

    (ModelRoleConfig? Policy, ModelRoleConfig? Critic, ModelRoleConfig? Reviser, ModelRoleConfig? Feedback) Models(
        Dictionary<string, YamlNode>? e, YamlNode root)
    {
        if (e is null || !e.TryGetValue("models", out var node))
        {
            r.Error(root, "", "missing required key 'models'");
            return default;
        }
        var m = r.Entries(node, "models", "policy", "critic", "reviser", "feedback");
        var policy = Model(m, "policy");
        if (m is not null && !m.ContainsKey("policy"))
            r.Error(node, "models", "missing required key 'policy'");
        var critic = Model(m, "critic") ?? new ModelRoleConfig("rules", new ModelOptions());
        var reviser = Model(m, "reviser") ?? (critic.Spec == "rules" ? policy : critic);
        var feedback = Model(m, "feedback") ?? critic;
        return (policy, critic, reviser, feedback);
    }

    // The variable's name, never its value: the key is read when the client is created and never enters the config.
    string? KeyVariable(Dictionary<string, YamlNode>? o, string field)
    {
        var name = r.String(o, "api_key_env", field);
        if (name is null || ModelOptions.IsVariableName(name))
            return name;
        r.Error(o!["api_key_env"], field + ".api_key_env", $"expected an environment variable name such as VLLM_API_KEY, got '{name}'");
        return null;
    }

    // max_retries and retry_base_delay, within the ranges ResilienceOptions declares; a longer base delay raises the cap.
    ResilienceOptions Resilience(Dictionary<string, YamlNode>? o, string field, ResilienceOptions resilience)
    {
        var retries = r.Read(typeof(ResilienceOptions).GetProperty(nameof(ResilienceOptions.MaxRetryAttempts))!, o, "max_retries", field);
        var baseDelay = r.Read(typeof(ResilienceOptions).GetProperty(nameof(ResilienceOptions.BaseDelay))!, o, "retry_base_delay", field);
        return resilience with
        {
            MaxRetryAttempts = retries as int? ?? resilience.MaxRetryAttempts,
            BaseDelay = baseDelay as TimeSpan? ?? resilience.BaseDelay,
            MaxDelay = baseDelay is TimeSpan d && d > resilience.MaxDelay ? d : resilience.MaxDelay,
        };
    }

    ModelRoleConfig? Model(Dictionary<string, YamlNode>? models, string role)
    {
        if (models is null || !models.TryGetValue(role, out var node))
            return null;
        var field = "models." + role;
        Dictionary<string, YamlNode>? o = null;
        string? spec;
        if (node is YamlScalarNode)
            spec = r.String(models, role, "models");
        else
        {
            o = r.Entries(node, field, [.. YamlReader.Keys(typeof(ModelOptions)), .. HandReadModelKeys]);
            spec = r.String(o, "spec", field);
            if (o is not null && !o.ContainsKey("spec"))
                r.Error(node, field, "missing required key 'spec'");
        }
        if (spec is null)
            return null;
        var options = o is null ? new ModelOptions() : r.Bind(o, field, new ModelOptions());
        options = options with { ApiKeyEnvironmentVariable = KeyVariable(o, field), Resilience = Resilience(o, field, options.Resilience) };
        var sha256 = Sha256(o, field);
        var fallback = r.String(o, "fallback", field);
        var used = o is null ? node : o["spec"];
        if (LocalSpec(spec, used, o is null ? field : field + ".spec") is not { } resolved)
            return null;
        // The fallback names the same model elsewhere (the Hub copy of a file that ../shared holds): taken only when
        // the spec's local file or folder is not there.
        if (fallback is not null && ModelSpec.Parse(resolved) is { Provider: ModelProvider.Local } local
            && !Cai.Models.LocalModel.IsHubId(local.Model) && !File.Exists(local.Model) && !Directory.Exists(local.Model))
        {
            used = o!["fallback"];
            if (LocalSpec(fallback, used, field + ".fallback") is not { } taken)
                return null;
            resolved = taken;
        }
        // Records and the manifest keep the spec as written when it reads environment variables, never their values.
        var written = used is YamlScalarNode { Value: { } raw } && raw.Contains("${", StringComparison.Ordinal) ? raw : resolved;
        var threads = r.Read(typeof(ModelRoleConfig).GetProperty(nameof(ModelRoleConfig.Threads))!, o, "threads", field) as int?;
        return new ModelRoleConfig(resolved, options) { Threads = threads, Sha256 = sha256, SpecAsWritten = written };
    }

    // A local model path in the config is relative to the config file, like every other path in it (a Hub id is not a path).
    string? LocalSpec(string spec, YamlNode at, string field)
    {
        try
        {
            var parsed = ModelSpec.Parse(spec);
            return parsed.Provider == ModelProvider.Local && !Path.IsPathRooted(parsed.Model) && !Cai.Models.LocalModel.IsHubId(parsed.Model)
                ? $"{parsed.ProviderPrefix}:{Resolve(parsed.Model)}"
                : spec;
        }
        catch (ModelSpecException ex)
        {
            r.Error(at, field, ex.Message);
            return null;
        }
    }

    // sha256: { path/in/repo: <64 hex digits> }: what a Hub download of the model must hash to.
    Dictionary<string, string>? Sha256(Dictionary<string, YamlNode>? o, string field)
    {
        if (o is null || !o.TryGetValue("sha256", out var node))
            return null;
        field += ".sha256";
        if (node is not YamlMappingNode map)
        {
            r.Error(node, field, "expected a mapping from a file path in the Hub repo to its sha256");
            return null;
        }
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var hex = (value as YamlScalarNode)?.Value ?? "";
            if (key is YamlScalarNode { Value: { Length: > 0 } file } && hex.Length == 64 && hex.All(char.IsAsciiHexDigit))
                sums[file] = hex.ToLowerInvariant();
            else
                r.Error(value, YamlReader.Field(field, (key as YamlScalarNode)?.Value ?? "?"), $"expected 64 hex digits, got '{hex}'");
        }
        return sums;
    }
}
