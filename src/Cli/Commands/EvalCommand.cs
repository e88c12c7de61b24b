using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai eval</c>: runs the metrics the given options enable (violation rate with --constitution and
/// --heldout-constitution, reward-model score with --reward-model, KL with
/// --reference, win rate with --compare, HHH accuracy with --hhh, reward accuracy with --reward-run), prints a table
/// and writes the JSON report.
/// </summary>
internal static partial class EvalCommand
{
    /// <summary>Fresh option instances per command tree: options hold their parents, so shared ones would be mutated
    /// by every tree built (in-process tests build many at once).</summary>
    sealed class EvalOptions
    {
        public readonly Option<string> Model = new("--model", "-m") { Description = "The model to evaluate (llama2.c .bin or HF folder).", Required = true };
        public readonly Option<string?> Reference = new("--reference") { Description = "Reference model: estimate KL(model || reference) from samples of the model." };
        public readonly Option<string?> Compare = new("--compare") { Description = "Model B: pairwise win rate of --model against it under --judge." };
        public readonly Option<string?> ConstitutionFile = new("--constitution", "-c") { Description = "Constitution YAML: violation rate under its machine checks (and the rules judge)." };
        public readonly Option<string?> HeldOutConstitution = new("--heldout-constitution") { Description = "A second constitution, never used in training: the same completions judged by its checks too (a policy trained against a judge learns that judge first)." };
        public readonly Option<string?> RewardModel = new("--reward-model") { Description = "A reward-model folder (cai train reward): the mean score of the same completions (needs a chat format)." };
        public readonly Option<string?> Prompts = new("--prompts") { Description = "Prompt JSONL; default: a few story openers." };
        // --samples-per-prompt (-k), --max-tokens (--max-new-tokens), --temperature, --top-p, --top-k, --seed,
        // --prompts-per-batch: the record's.
        public readonly OptionFlags<EvalSamplingOptions> Sampling = new(
            new Dictionary<string, string[]> { ["samples_per_prompt"] = ["-k"], ["max_tokens"] = ["--max-new-tokens"] });
        public readonly Option<string> ChatFormat = new("--chat-format") { Description = "How prompts are shown to the model: raw (continue the text) or a chat format (plain, chatml, ...); use the format the policy generated and was trained in.", DefaultValueFactory = _ => "raw" };
        public readonly Option<string> Judge = new("--judge") { Description = "Win-rate judge: rules, or a model spec (local:<path>, openai:<model>, ...). A model judge also answers --hhh.", DefaultValueFactory = _ => "rules" };
        public readonly Option<string?> JudgeApiKeyEnv = new("--judge-api-key-env") { Description = "Environment variable holding the key for an openai-compatible or ollama judge (none is sent otherwise)." };
        public readonly Option<bool> JudgeAllowInsecure = new("--judge-allow-insecure") { Description = "Allow the judge's key over plain http to a host that is not loopback." };
        public readonly Option<string?> Hhh = new("--hhh") { Description = "438HHHEvaluations.jsonl: multiple-choice accuracy of the judge model (or of --model when --judge is rules)." };
        public readonly Option<int?> HhhLimit = new("--hhh-limit") { Description = "Only the first N HHH comparisons." };
        public readonly Option<string?> RewardRun = new("--reward-run") { Description = "A reward-model training run directory: read its held-out accuracy from metrics.jsonl." };
        public readonly Option<string> Out = new("--out", "-o") { Description = "Where to write the JSON report.", DefaultValueFactory = _ => "eval.json" };
    }

    /// <summary>Builds the command; <paramref name="time"/> stamps the report (the system clock when null).</summary>
    public static Command Create(CliContext context, TimeProvider? time = null)
    {
        var o = new EvalOptions();
        var command = new Command("eval", "Evaluate a model: violation rate, KL from a reference, win rate, HHH accuracy, reward accuracy.")
        {
            o.Model, o.Reference, o.Compare, o.ConstitutionFile, o.HeldOutConstitution, o.RewardModel, o.Prompts, o.ChatFormat, o.Judge, o.Hhh,
            o.JudgeApiKeyEnv, o.JudgeAllowInsecure, o.HhhLimit, o.RewardRun, o.Out,
        };
        foreach (var option in o.Sampling.All)
            command.Add(option);
        command.Add(EvalFrontierCommand.Create(context));
        command.Add(EvalOverOptimizationCommand.Create(context));
        command.SetAction((parse, cancellationToken) => RunAsync(context, time ?? TimeProvider.System, o, parse, cancellationToken));
        return command;
    }

    static void Require(bool ok, string message)
    {
        if (!ok) throw new CliException(message);
    }
}
