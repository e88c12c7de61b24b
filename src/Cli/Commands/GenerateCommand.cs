using Cai.Core.Records;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;

namespace Cai.Cli.Commands;

/// <summary><c>cai generate --in prompts.jsonl --out DIR --model SPEC</c>: the generate stage alone (resumable).</summary>
internal static class GenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var model = new Option<string>("--model", "-m") { Description = "Policy model spec, e.g. local:models/stories260K.bin.", Required = true };
        var format = new Option<PromptFormat>("--format") { Description = "Prompt file layout.", DefaultValueFactory = _ => PromptFormat.Jsonl }.WithChoices();
        var limit = new Option<int?>("--limit") { Description = "Read at most this many prompts." };
        var samples = new Option<int>("--samples", "-n") { Description = "Samples per prompt.", DefaultValueFactory = _ => 2 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature (0 is greedy).", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double?>("--top-p") { Description = "Nucleus sampling mass." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most new tokens per answer.", DefaultValueFactory = _ => 256 };
        var command = new Command("generate", "Draw answers from the policy model: writes generate.jsonl in --out.")
        {
            model, format, limit, samples, temperature, topP, maxTokens,
        };
        common.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var options = new GenerateOptions
            {
                SamplesPerPrompt = parse.GetValue(samples),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                MaxTokens = parse.GetValue(maxTokens),
                Seed = parse.GetValue(common.Seed),
            };
            var spec = parse.GetValue(model)!;
            return StageCommandRunner.RunAsync(context, parse, common,
                (clients, step, runDir) =>
                [
                    new StageStep<PromptRecord, SampleRecord>(
                        new GenerateStage(clients.For(common.Role(parse, spec)), spec, options), runDir, step, context.LoggerFactory),
                ],
                (input, token) => PromptSource.ReadAsync(
                    new PromptSourceOptions { Path = input, Format = parse.GetChoice(format), Limit = parse.GetValue(limit) }, token),
                ct);
        });
        return command;
    }
}
