using System.CommandLine;
using Cai.Cli.Hosting;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai eval</c>: runs the metrics the given options enable (violation rate with --constitution, KL with
/// --reference, win rate with --compare, HHH accuracy with --hhh, reward accuracy with --reward-run), prints a table
/// and writes the JSON report.
/// </summary>
public static partial class EvalCommand
{
    static readonly Option<string> Model = new("--model", "-m") { Description = "The model to evaluate (llama2.c .bin or HF folder).", Required = true };
    static readonly Option<string?> Reference = new("--reference") { Description = "Reference model: estimate KL(model || reference) from samples of the model." };
    static readonly Option<string?> Compare = new("--compare") { Description = "Model B: pairwise win rate of --model against it under --judge." };
    static readonly Option<string?> ConstitutionFile = new("--constitution", "-c") { Description = "Constitution YAML: violation rate under its machine checks (and the rules judge)." };
    static readonly Option<string?> Prompts = new("--prompts") { Description = "Prompt JSONL; default: a few story openers." };
    static readonly Option<int> SamplesPerPrompt = new("--samples-per-prompt", "-k") { Description = "Completions per prompt.", DefaultValueFactory = _ => 4 };
    static readonly Option<int> MaxTokens = new("--max-tokens") { Description = "Most new tokens per completion.", DefaultValueFactory = _ => 64 };
    static readonly Option<double> Temperature = new("--temperature") { Description = "Sampling temperature (KL always samples at 1).", DefaultValueFactory = _ => 1.0 };
    static readonly Option<long> Seed = new("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
    static readonly Option<string> Judge = new("--judge") { Description = "Win-rate judge: rules, or a model spec (local:<path>, openai:<model>, ...). A model judge also answers --hhh.", DefaultValueFactory = _ => "rules" };
    static readonly Option<string?> Hhh = new("--hhh") { Description = "438HHHEvaluations.jsonl: multiple-choice accuracy of the judge model (or of --model when --judge is rules)." };
    static readonly Option<int?> HhhLimit = new("--hhh-limit") { Description = "Only the first N HHH comparisons." };
    static readonly Option<string?> RewardRun = new("--reward-run") { Description = "A reward-model training run directory: read its held-out accuracy from metrics.jsonl." };
    static readonly Option<string> Out = new("--out", "-o") { Description = "Where to write the JSON report.", DefaultValueFactory = _ => "eval.json" };

    /// <summary>Builds the command; <paramref name="time"/> stamps the report (the system clock when null).</summary>
    public static Command Create(CliContext context, TimeProvider? time = null)
    {
        var command = new Command("eval", "Evaluate a model: violation rate, KL from a reference, win rate, HHH accuracy, reward accuracy.")
        {
            Model, Reference, Compare, ConstitutionFile, Prompts, SamplesPerPrompt, MaxTokens, Temperature, Seed, Judge, Hhh,
            HhhLimit, RewardRun, Out,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, time ?? TimeProvider.System, parse, cancellationToken));
        return command;
    }

    static void Require(bool ok, string message)
    {
        if (!ok) throw new CliException(message);
    }
}
