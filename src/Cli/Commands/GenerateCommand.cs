using Cai.Core.Records;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;

namespace Cai.Cli.Commands;

/// <summary><c>cai generate --in prompts.jsonl --out DIR --model SPEC</c>: the generate stage alone (resumable).</summary>
internal static class GenerateCommand
{
    /// <summary>
    /// Builds the command; its sampling flags are <see cref="GenerateOptions"/>'s keys, as a config's <c>generate:</c>
    /// section names them (<c>--top-p</c> for <c>top_p</c>), with the record's defaults and ranges.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var sampling = new OptionFlags<GenerateOptions>(
            new Dictionary<string, string[]> { ["samples_per_prompt"] = ["--samples", "-n"] }, ["samples_per_prompt", "temperature", "top_p", "top_k", "max_tokens"]);
        var model = new Option<string>("--model", "-m") { Description = "Policy model spec, e.g. local:models/stories260K.bin.", Required = true };
        var format = new Option<PromptFormat>("--format") { Description = "Prompt file layout.", DefaultValueFactory = _ => PromptFormat.Jsonl }.WithChoices();
        var limit = new Option<int?>("--limit") { Description = "Read at most this many prompts." };
        return StageCommandRunner.Create(context, common, "generate", "Draw answers from the policy model: writes generate.jsonl in --out.",
            [model, format, limit, .. sampling.All],
            (parse, clients, step, runDir) =>
            {
                // --parallelism, which every stage command takes, is this record's max_parallelism.
                var options = sampling.Apply(parse, new GenerateOptions()) with
                {
                    MaxParallelism = step.MaxDegreeOfParallelism, Seed = parse.GetValue(common.Seed),
                };
                var spec = parse.GetValue(model)!;
                return [new StageStep<PromptRecord, SampleRecord>(new GenerateStage(clients.For(common.Role(parse, spec)), spec, options), runDir, step, context.LoggerFactory)];
            },
            (parse, input, token) => PromptSource.ReadAsync(
                new PromptSourceOptions { Path = input, Format = parse.GetChoice(format), Limit = parse.GetValue(limit) }, token));
    }
}
