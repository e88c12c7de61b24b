using System.Text.Json.Nodes;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai model score &lt;model&gt; --prompt "..." --completion "..."</c>: prints <c>{"logp": ..., "tokens": N}</c>, the
/// summed log-probability of the completion's tokens (prompt + completion tokenized as one text, as
/// lm-evaluation-harness does) and their count.
/// </summary>
internal static class ModelScoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var prompt = new Option<string>("--prompt") { Description = "The conditioning text.", Required = true };
        var completion = new Option<string>("--completion") { Description = "The text to score after the prompt.", Required = true };
        var command = new Command("score", "Print the log-probability of a completion given a prompt as JSON.") { prompt, completion };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            using var loaded = model.Load(parse);
            Models.Scoring.SequenceScore score;
            try
            {
                score = loaded.Score(parse.GetValue(prompt)!, parse.GetValue(completion)!);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message.Split(" (Parameter")[0]);
            }
            context.Output.WriteLine(new JsonObject { ["logp"] = score.LogProb, ["tokens"] = score.TokenCount }.ToJsonString());
            return ExitCodes.Success;
        });
        return command;
    }
}
