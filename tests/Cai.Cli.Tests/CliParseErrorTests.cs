using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests;

/// <summary>Bad values on the command line: one line naming the option and what it accepts, exit 1, no help page.</summary>
public class CliParseErrorTests
{
    [Theory]
    [InlineData("--pairing: 'AllPairs' is not one of adjacent, all", "prefs", "--in", "x", "--out", "y", "-c", "z", "--pairing", "AllPairs")]
    [InlineData("--mode: 'both' is not one of revision, feedback", "prefs", "--in", "x", "--out", "y", "-c", "z", "--mode", "revision", "--mode", "both")]
    [InlineData("--format: 'HhRlhf' is not one of jsonl, hh-rlhf", "generate", "--in", "x", "--out", "y", "--model", "rules", "--format", "HhRlhf")]
    [InlineData("--format: 'LlmSwarm' is not one of anthropic, llm-swarm", "constitution", "import", "f.json", "--out", "o.yaml", "--format", "LlmSwarm")]
    [InlineData("--log-level: 'loud' is not one of verbose, debug, information, warning, error, fatal", "report", "x", "--log-level", "loud")]
    [InlineData("--hhh-limit: 'q' is not an integer", "eval", "--model", "m", "--hhh-limit", "q")]
    [InlineData("--temperature: 'hot' is not a number", "eval", "--model", "m", "--temperature", "hot")]
    [InlineData("--samples-per-prompt: 'two' is not an integer", "prefs", "--in", "x", "--out", "y", "-c", "z", "--samples-per-prompt", "two")]
    [InlineData("--top-p: 'x' is not a number", "generate", "--in", "x", "--out", "y", "--model", "rules", "--top-p", "x")]
    [InlineData("--kl-coef: 'high' is not a number", "train", "ppo", "--model", "m", "--reward", "word-count:x", "--prompts", "p", "--out", "o", "--kl-coef", "high")]
    [InlineData("--kl-estimator: 'k2' is not one of k1, k3", "train", "ppo", "--model", "m", "--reward", "word-count:x", "--prompts", "p", "--out", "o", "--kl-estimator", "k2")]
    [InlineData("--samples-per-prompt: must be >= 1 (got 0)", "eval", "--model", "m", "-k", "0")]
    [InlineData("--max-tokens: must be in [1, 32768] (got 0)", "eval", "--model", "m", "--max-new-tokens", "0")]
    [InlineData("--temperature: must be in [0, 100] (got NaN)", "eval", "--model", "m", "--temperature", "nan")]
    [InlineData("--top-p: must be in (0, 1] (got 0)", "model", "generate", "m.bin", "--prompt", "x", "--top-p", "0")]
    [InlineData("unknown option '--kl-coeff'; did you mean --kl-coef?", "train", "ppo", "--model", "m", "--reward", "word-count:x", "--prompts", "p", "--out", "o", "--kl-coeff", "0.1")]
    [InlineData("unknown option '--temprature'; did you mean --temperature?", "generate", "--in", "x", "--out", "y", "-m", "rules", "--temprature", "0.5")]
    [InlineData("unknown option '--quite'; did you mean --quiet?", "report", "x", "--quite")]
    [InlineData("unknown option '--frobnicate' (see cai train dpo --help)", "train", "dpo", "--model", "m", "--data", "d", "--out", "o", "--frobnicate")]
    [InlineData("unknown option '--kl-coeff' (see cai train dpo --help)", "train", "dpo", "--model", "m", "--data", "d", "--out", "o", "--kl-coeff", "-1")]
    [InlineData("unknown option '--kl-coeff'; did you mean --kl-coef?", "train", "ppo", "--model", "m", "--reward", "word-count:x", "--prompts", "p", "--out", "o", "--kl-coeff", "-1.5e-3")]
    [InlineData("unexpected argument '-1' (see cai generate --help)", "generate", "--in", "x", "--out", "y", "-m", "rules", "-1")]
    [InlineData("unknown command 'trian'; did you mean train?", "trian", "dpo", "--model", "m")]
    [InlineData("unknown command 'dpp'; did you mean dpo?", "train", "dpp")]
    [InlineData("'train' follows '--', which makes it an argument, not a command; leave out the '--'", "--", "train")]
    [InlineData("'dpo' follows '--', which makes it an argument, not a command; leave out the '--'", "train", "--", "dpo")]
    [InlineData("unexpected argument 'extra' (see cai generate --help)", "generate", "--in", "x", "--out", "y", "-m", "rules", "extra")]
    [InlineData("--kl-coef: must be >= 0 (got -1)", "train", "ppo", "--model", "m", "--reward", "word-count:x", "--prompts", "p", "--out", "o", "--kl-coef", "-1")]
    [InlineData("--learning-rate: must be > 0 (got 0)", "train", "dpo", "--model", "m", "--data", "d", "--out", "o", "--learning-rate", "0")]
    [InlineData("--seed: '1.5' is not an integer", "revise", "--in", "x", "--out", "y", "-c", "z", "--reviser", "rules", "--seed", "1.5")]
    public async Task BadValue_OneLineNamingOptionAndAcceptedValues_Exit1(string expected, params string[] args)
    {
        var result = await CliRun.InProcessAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {expected}", result.Stderr.Trim());
        Assert.DoesNotContain("Usage:", result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData("all", "prefs", "--pairing <adjacent|all>", "[default: adjacent]")]
    [InlineData("hh-rlhf", "generate", "--format <jsonl|hh-rlhf>", "[default: jsonl]")]
    public async Task Help_ShowsKebabChoicesAndDefaults(string _, string command, string usage, string defaultText)
    {
        var result = await CliRun.InProcessAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(usage, result.Stdout);
        Assert.Contains(defaultText, result.Stdout);
        Assert.DoesNotContain("[default: Information]", result.Stdout);
        Assert.Contains("[default: information]", result.Stdout);
    }

    [Fact]
    public async Task BadHubSpec_MessageWithoutParameterName()
    {
        var result = await CliRun.InProcessAsync("model", "pull", "not-a-repo", "--cache", Path.Combine(Path.GetTempPath(), "cai-unused"));

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("(Parameter", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
