using Cai.Core.Constitutions;

namespace Cai.Cli.Commands;

/// <summary>
/// The options every single-stage command (<c>cai generate|critique|revise|prefs</c>) shares, and the ones some of them
/// share: <see cref="Constitution"/> (critique, revise, prefs) and <see cref="Critic"/> (critique, revise), which a
/// command lists itself where it takes them.
/// </summary>
internal sealed class StageCommandOptions
{
    public Option<string> Constitution { get; } = new("--constitution", "-c") { Description = "Constitution YAML file.", Required = true };
    public Option<string> Critic { get; } = new("--critic") { Description = "Critic model spec, or rules.", DefaultValueFactory = _ => "rules" };
    public Option<string> In { get; } = new("--in") { Description = "Input JSONL file (.jsonl or .jsonl.gz).", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output directory (the stage's .jsonl, .failed.jsonl and manifest go here).", Required = true };
    public Option<long> Seed { get; } = new("--seed") { Description = "Run seed every per-item seed derives from.", DefaultValueFactory = _ => 0 };
    public Option<int> Parallelism { get; } = new("--parallelism") { Description = "Items processed at once.", DefaultValueFactory = _ => new Pipeline.Runner.StageStepOptions().MaxDegreeOfParallelism };
    public Option<bool> RetryFailed { get; } = new("--retry-failed") { Description = "Process again the items in <stage>.failed.jsonl." };
    public Option<bool> AllowFailures { get; } = new("--allow-failures") { Description = "Exit 0 (with a warning) when some items failed; without it failed items exit 3." };
    public Option<string?> Shard { get; } = new("--shard") { Description = "Process one hash partition k/n of the prompt ids (k from 0)." };

    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding the key for an openai-compatible or ollama server (none is sent otherwise)." };
    public Option<bool> AllowInsecure { get; } = new("--allow-insecure") { Description = "Allow the key over plain http to a host that is not loopback." };

    /// <summary>A model role from a spec typed on the command line, with the key options above.</summary>
    public Pipeline.Config.ModelRoleConfig Role(ParseResult parse, string spec) =>
        new(spec, new Pipeline.Providers.ModelOptions { ApiKeyEnvironmentVariable = parse.GetValue(ApiKeyEnv), AllowInsecure = parse.GetValue(AllowInsecure) });

    /// <summary>The constitution named by <see cref="Constitution"/>, loaded and validated.</summary>
    public Constitution LoadConstitution(ParseResult parse) => ConstitutionLoader.LoadOrThrow(parse.GetValue(Constitution)!);

    public void AddTo(Command command)
    {
        command.Add(ApiKeyEnv);
        command.Add(AllowInsecure);
        command.Add(In);
        command.Add(Out);
        command.Add(Seed);
        command.Add(Parallelism);
        command.Add(RetryFailed);
        command.Add(Shard);
        command.Add(AllowFailures);
    }
}
