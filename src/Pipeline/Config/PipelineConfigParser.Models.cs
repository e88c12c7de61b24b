using Cai.Pipeline.Providers;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    static readonly Dictionary<string, ChatConnector> Connectors = new()
    {
        ["openai"] = ChatConnector.OpenAI, ["semantic-kernel"] = ChatConnector.SemanticKernel,
    };

    static readonly string[] ModelKeys =
        ["spec", "temperature", "max_tokens", "max_concurrency", "requests_per_minute", "timeout", "max_retries", "retry_base_delay", "threads", "connector", "api_key_env", "allow_insecure"];

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
        if (name is null || System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
            return name;
        r.Error(o!["api_key_env"], field + ".api_key_env", $"expected an environment variable name such as VLLM_API_KEY, got '{name}'");
        return null;
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
            o = r.Entries(node, field, ModelKeys);
            spec = r.String(o, "spec", field);
            if (o is not null && !o.ContainsKey("spec"))
                r.Error(node, field, "missing required key 'spec'");
        }
        if (spec is null)
            return null;
        var options = new ModelOptions
        {
            Temperature = r.Number(o, "temperature", field, 0, 100),
            MaxTokens = r.Integer(o, "max_tokens", field, 1),
            MaxConcurrency = r.Integer(o, "max_concurrency", field, 1) ?? 8,
            RequestsPerMinute = r.Integer(o, "requests_per_minute", field, 1),
            Timeout = TimeSpan.FromSeconds(r.Number(o, "timeout", field, 0.001, 86400) ?? 100),
            Connector = r.Choice(o, "connector", field, Connectors) ?? ChatConnector.OpenAI,
            ApiKeyEnvironmentVariable = KeyVariable(o, field),
            AllowInsecure = r.Boolean(o, "allow_insecure", field) ?? false,
        };
        var resilience = options.Resilience;
        var baseDelay = r.Number(o, "retry_base_delay", field, 0.001, 3600);
        options = options with
        {
            Resilience = resilience with
            {
                MaxRetryAttempts = r.Integer(o, "max_retries", field, 0) ?? resilience.MaxRetryAttempts,
                BaseDelay = baseDelay is { } d ? TimeSpan.FromSeconds(d) : resilience.BaseDelay,
                MaxDelay = baseDelay is { } m && TimeSpan.FromSeconds(m) > resilience.MaxDelay ? TimeSpan.FromSeconds(m) : resilience.MaxDelay,
            },
        };
        try
        {
            var parsed = ModelSpec.Parse(spec);
            // A local model path in the config is relative to the config file, like every other path in it (a Hub id is not a path).
            if (parsed.Provider == ModelProvider.Local && !Path.IsPathRooted(parsed.Model) && !Cai.Models.LocalModel.IsHubId(parsed.Model))
                spec = $"{parsed.ProviderPrefix}:{Resolve(parsed.Model)}";
            var written = (o is not null && o.TryGetValue("spec", out var specNode) ? specNode : node) is YamlScalarNode { Value: { } raw } && raw.Contains("${", StringComparison.Ordinal)
                ? raw
                : spec;
            return new ModelRoleConfig(spec, options) { Threads = r.Integer(o, "threads", field, 1), SpecAsWritten = written };
        }
        catch (ModelSpecException ex)
        {
            var at = o is not null && o.TryGetValue("spec", out var s) ? s : node;
            r.Error(at, o is null ? field : field + ".spec", ex.Message);
            return null;
        }
    }
}
