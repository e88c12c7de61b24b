using Cai.Models;

namespace Cai.Cli.Commands;

/// <summary>The <c>&lt;model&gt;</c> argument and <c>--tokenizer</c> option shared by the <c>cai model</c> commands.</summary>
internal sealed class ModelArguments(Hosting.CliContext context)
{
    public Argument<string> Model { get; } = new("model")
    {
        Description = "A llama2.c .bin checkpoint (tokenizer beside it or --tokenizer) or an HF model folder.",
    };

    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "Tokenizer file (tokenizer.json or llama2.c .bin)." };

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Tokenizer);
    }

    /// <summary>Loads the model, turning format errors into one-line CLI errors.</summary>
    public LocalModel Load(ParseResult parse)
    {
        var path = parse.GetValue(Model)!;
        context.UseTorchThreads();
        try
        {
            return LocalModel.Load(path, parse.GetValue(Tokenizer));
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or Models.Hf.HfFormatException)
        {
            throw new CliException($"cannot load model '{path}': {e.Message}", ExitCodes.Failure, e);
        }
    }
}
