using Cai.Cli.Serve;
using Cai.Core.Secrets;
using Cai.Models.Chat;
using Cai.Pipeline.Local;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai serve &lt;model&gt; [--host 127.0.0.1] [--port 8000] [--model-name name] [--max-queue 64] [--api-key KEY]</c>: an
/// OpenAI-compatible server over a local model. Prints <c>listening on http://HOST:PORT</c> once bound (port 0 picks a free port) and runs until
/// Ctrl+C / SIGTERM.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The environment variable read when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "CAI_SERVE_API_KEY";

    /// <summary>
    /// Builds the command; its limits are <see cref="ServeOptions"/>' and <see cref="LocalChatClientOptions"/>' keys
    /// (<c>--max-queue</c>, <c>--max-batch-size</c> or <c>--max-batch</c>, <c>--decode-workers</c>, ...), with their
    /// help, defaults and ranges.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var serving = new OptionFlags<ServeOptions>();
        var batching = new OptionFlags<LocalChatClientOptions>(new Dictionary<string, string[]> { ["max_batch_size"] = ["--max-batch"] });
        var format = new Option<string?>("--chat-format") { Description = "Chat format: raw, plain, chatml, llama2, llama3, zephyr (default: the model's)." };
        var apiKey = new Option<string?>("--api-key") { Description = $"Require 'Authorization: Bearer <key>' (default: the {ApiKeyVariable} environment variable; none when unset)." };
        var command = new Command("serve", "Serve a local model over an OpenAI-compatible HTTP API (/v1/models, /v1/chat/completions).")
        {
            format, apiKey,
        };
        foreach (var option in serving.All.Concat(batching.All))
            command.Add(option);
        model.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (key is not null && string.IsNullOrWhiteSpace(key))
                throw new CliException($"--api-key / {ApiKeyVariable} is blank");
            SecretRedactor.Process.AddSecret(key);
            var options = serving.Apply(parse, new ServeOptions()) with { ApiKey = key };
            var clientOptions = batching.Apply(parse, new LocalChatClientOptions()) with { ChatFormat = ParseFormat(parse.GetValue(format)), OwnsModel = true };
            using var client = new LocalChatClient(model.Load(parse), clientOptions);
            ServeHost server;
            try
            {
                server = await ServeHost.StartAsync(client, options, context.LoggerFactory, cancellationToken);
            }
            catch (IOException e)
            {
                throw new CliException($"cannot listen on {options.Host}:{options.Port}: {e.Message}", ExitCodes.Failure, e);
            }
            await using (server)
            {
                context.Output.WriteLine($"listening on {server.BaseUrl.ToString().TrimEnd('/')} (model '{server.ModelName}')");
                context.Output.Flush();
                try
                {
                    // ASP.NET's console lifetime sees Ctrl+C before System.CommandLine does; either ends the wait.
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    context.Error.WriteLine("shutting down");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A chat format by name (<c>raw</c> included), or null for the model's own.</summary>
    internal static IChatFormat? ParseFormat(string? name)
    {
        if (name is null)
            return null;
        if (name.Equals("raw", StringComparison.OrdinalIgnoreCase))
            return new RawPromptFormat();
        try
        {
            return ChatFormats.ByName(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--chat-format: {e.Message.Split(" (Parameter")[0]}, raw");
        }
    }
}
