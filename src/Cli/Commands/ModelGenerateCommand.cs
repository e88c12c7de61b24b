using System.CommandLine;
using Cai.Cli.Hosting;
using Cai.Models.Generation;

namespace Cai.Cli.Commands;

/// <summary><c>cai model generate &lt;model&gt; --prompt "..."</c>: continues the prompt and prints only the generated text.</summary>
public static class ModelGenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments();
        var prompt = new Option<string>("--prompt") { Description = "Text to continue (BOS is added).", Required = true };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate.", DefaultValueFactory = _ => 128 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature; 0 is greedy.", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass (1 = off).", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens (0 = off)." };
        var seed = new Option<long>("--seed") { Description = "Sampling seed." };
        var command = new Command("generate", "Continue a prompt with a local model and print the text.")
        {
            prompt, maxTokens, temperature, topP, topK, seed,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var options = new GenerationOptions
            {
                MaxNewTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                TopK = parse.GetValue(topK),
                Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliException(e.Message.Split(Environment.NewLine)[0]);
            }
            using var loaded = model.Load(parse);
            context.Output.WriteLine(loaded.Generate(parse.GetValue(prompt)!, options).Text);
            return ExitCodes.Success;
        });
        return command;
    }
}
