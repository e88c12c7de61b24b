using Cai.Models.Export;

namespace Cai.Cli.Commands;

/// <summary><c>cai model convert &lt;llama2c.bin&gt; --out &lt;dir&gt;</c>: writes an HF model folder.</summary>
internal static class ModelConvertCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A llama2.c .bin checkpoint." };
        var output = new Option<string>("--out") { Description = "The HF folder to write.", Required = true };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "The llama2.c tokenizer (default: beside the checkpoint)." };
        var command = new Command("convert",
            "Convert a llama2.c checkpoint to an HF folder (config.json, model.safetensors, generation_config.json, tokenizer.json and its config files, tokenizer.bin).")
        {
            checkpoint, output, tokenizer,
        };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(checkpoint)!;
            IReadOnlyList<string> written;
            try
            {
                written = Llama2cToHf.Convert(source, parse.GetValue(output)!, parse.GetValue(tokenizer));
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"cannot convert '{source}': {e.Message}", ExitCodes.Failure, e);
            }
            foreach (var file in written)
                context.Output.WriteLine(file);
            return ExitCodes.Success;
        });
        return command;
    }
}
