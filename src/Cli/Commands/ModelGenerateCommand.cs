using System.Diagnostics;
using Cai.Models.Generation;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary><c>cai model generate &lt;model&gt; --prompt "..."</c>: continues the prompt and prints only the generated text.</summary>
internal static class ModelGenerateCommand
{
    /// <summary>
    /// Builds the command; <c>--max-tokens</c> (<c>--max-new-tokens</c>), <c>--temperature</c>, <c>--top-p</c>,
    /// <c>--top-k</c> and <c>--seed</c> are <see cref="GenerationOptions"/>' keys, with its help, defaults and ranges.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var prompt = new Option<string>("--prompt") { Description = "Text to continue (BOS is added).", Required = true };
        var sampling = new OptionFlags<GenerationOptions>(
            new Dictionary<string, string[]> { ["max_new_tokens"] = ["--max-tokens"] }, ["max_new_tokens", "temperature", "top_p", "top_k", "seed"]);
        var command = new Command("generate", "Continue a prompt with a local model and print the text.") { prompt };
        foreach (var option in sampling.All)
            command.Add(option);
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var options = sampling.Apply(parse, new GenerationOptions());
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
