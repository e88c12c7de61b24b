using Cai.Core.Records;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;

namespace Cai.Cli.Commands;

/// <summary><c>cai generate --in prompts.jsonl --out DIR --model SPEC</c>: the generate stage alone (resumable).</summary>
internal static class GenerateCommand
{
    /// <summary>Builds the command; its defaults are <see cref="GenerateOptions"/>'s.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var defaults = new GenerateOptions();
        var model = new Option<string>("--model", "-m") { Description = "Policy model spec, e.g. local:models/stories260K.bin.", Required = true };
        var format = new Option<PromptFormat>("--format") { Description = "Prompt file layout.", DefaultValueFactory = _ => PromptFormat.Jsonl }.WithChoices();
        var limit = new Option<int?>("--limit") { Description = "Read at most this many prompts." };
        var samples = new Option<int>("--samples", "-n") { Description = "Samples per prompt.", DefaultValueFactory = _ => defaults.SamplesPerPrompt };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature (0 is greedy).", DefaultValueFactory = _ => defaults.Temperature };
        var topP = new Option<double?>("--top-p") { Description = "Nucleus sampling mass." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most new tokens per answer.", DefaultValueFactory = _ => defaults.MaxTokens };
        return StageCommandRunner.Create(context, common, "generate", "Draw answers from the policy model: writes generate.jsonl in --out.",
            [model, format, limit, samples, temperature, topP, maxTokens],
            (parse, clients, step, runDir) =>
            {
                var options = defaults with
                {
                    SamplesPerPrompt = parse.GetValue(samples),
                    Temperature = parse.GetValue(temperature),
                    TopP = parse.GetValue(topP),
                    MaxTokens = parse.GetValue(maxTokens),
                    Seed = parse.GetValue(common.Seed),
                };
                var spec = parse.GetValue(model)!;
                return [new StageStep<PromptRecord, SampleRecord>(new GenerateStage(clients.For(common.Role(parse, spec)), spec, options), runDir, step, context.LoggerFactory)];
            },
            (parse, input, token) => PromptSource.ReadAsync(
                new PromptSourceOptions { Path = input, Format = parse.GetChoice(format), Limit = parse.GetValue(limit) }, token));
    }
}
