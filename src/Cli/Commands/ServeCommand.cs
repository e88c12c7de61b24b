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

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelArguments(context);
        var host = new Option<string>("--host") { Description = "Interface to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8000 };
        var name = new Option<string?>("--model-name") { Description = "Name clients pass as \"model\" (default: the model's id)." };
        var format = new Option<string?>("--chat-format") { Description = "Chat format: raw, plain, chatml, llama2, llama3, zephyr (default: the model's)." };
        var maxQueue = new Option<int>("--max-queue") { Description = "Most chat requests admitted at once (generating or waiting); more get 429 with Retry-After.", DefaultValueFactory = _ => 64 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most requests decoded together as one batch (continuous batching).", DefaultValueFactory = _ => 8 };
        var workers = new Option<int>("--decode-workers") { Description = "Batches decoded side by side, one thread each (one per idle core helps small models).", DefaultValueFactory = _ => 1 };
        var apiKey = new Option<string?>("--api-key") { Description = $"Require 'Authorization: Bearer <key>' (default: the {ApiKeyVariable} environment variable; none when unset)." };
        var command = new Command("serve", "Serve a local model over an OpenAI-compatible HTTP API (/v1/models, /v1/chat/completions).")
        {
            host, port, name, format, maxQueue, maxBatch, workers, apiKey,
        };
        model.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (key is not null && string.IsNullOrWhiteSpace(key))
                throw new CliException($"--api-key / {ApiKeyVariable} is blank");
            foreach (var (option, value) in new[] { (maxQueue, parse.GetValue(maxQueue)), (maxBatch, parse.GetValue(maxBatch)), (workers, parse.GetValue(workers)) })
                if (value < 1)
                    throw new CliException($"{option.Name} must be at least 1, got {value}");
            SecretRedactor.Process.AddSecret(key);
            var options = new ServeOptions
            {
                Host = parse.GetValue(host)!, Port = parse.GetValue(port), ModelName = parse.GetValue(name),
                MaxQueue = parse.GetValue(maxQueue), ApiKey = key,
            };
            var chatFormat = ParseFormat(parse.GetValue(format));
            using var client = new LocalChatClient(model.Load(parse), new LocalChatClientOptions
            {
                ChatFormat = chatFormat, OwnsModel = true, MaxBatchSize = parse.GetValue(maxBatch), DecodeWorkers = parse.GetValue(workers),
            });
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
