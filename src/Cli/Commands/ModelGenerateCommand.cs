using System.Diagnostics;
using Cai.Models.Generation;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary><c>cai model generate &lt;model&gt; --prompt "..."</c>: continues the prompt and prints only the generated text.</summary>
internal static class ModelGenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var prompt = new Option<string>("--prompt") { Description = "Text to continue (BOS is added).", Required = true };
        var defaults = new GenerationOptions();
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate.", DefaultValueFactory = _ => defaults.MaxNewTokens };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature; 0 is greedy.", DefaultValueFactory = _ => defaults.Temperature };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass (1 = off).", DefaultValueFactory = _ => defaults.TopP };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens (0 = off)." };
        var seed = new Option<long>("--seed") { Description = "Sampling seed." };
        var command = new Command("generate", "Continue a prompt with a local model and print the text.")
        {
            prompt, maxTokens, temperature, topP, topK, seed,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var options = defaults with
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
            var promptIds = loaded.Tokenizer.Encode(parse.GetValue(prompt)!, addBos: true);
            var clock = Stopwatch.StartNew();
            var result = loaded.Generator.GenerateIds([promptIds], options).Single();
            var seconds = clock.Elapsed.TotalSeconds;
            context.Output.WriteLine(result.Text);
            // Like run.c's "achieved tok/s" and llama.cpp's timings: what a user compares engines by.
            context.LoggerFactory.CreateLogger("cai.model.generate").LogInformation(
                "prompt {PromptTokens} tokens, generated {GeneratedTokens} tokens in {Seconds:F3} s ({TokensPerSecond:F1} tokens/s)",
                promptIds.Count, result.Ids.Count, seconds, result.Ids.Count / Math.Max(seconds, 1e-9));
            return ExitCodes.Success;
        });
        return command;
    }
}
