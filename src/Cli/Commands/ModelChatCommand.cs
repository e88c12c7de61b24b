using Cai.Cli.Composition;
using Cai.Pipeline.Local;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai chat --model &lt;spec&gt; --prompt "..."</c>: one user turn through the same <see cref="IChatClient"/> the pipeline
/// would use (ollama:, openai:, azure-openai:, openai-compatible:...@url, local:&lt;path&gt;); prints the reply.
/// </summary>
internal static class ModelChatCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model spec, e.g. ollama:llama3.1:8b or local:path/to/model.", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "The user message.", Required = true };
        var system = new Option<string?>("--system") { Description = "An optional system message." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most output tokens." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature." };
        var seed = new Option<long?>("--seed") { Description = "Sampling seed (where the provider supports it)." };
        var format = new Option<string?>("--chat-format") { Description = "For local: models, the chat format (raw, plain, chatml, ...)." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Environment variable holding the key for an openai-compatible or ollama server (none is sent otherwise)." };
        var allowInsecure = new Option<bool>("--allow-insecure") { Description = "Allow the key over plain http to a host that is not loopback." };
        var command = new Command("chat", "Send one prompt to any model spec and print the reply.")
        {
            model, prompt, system, maxTokens, temperature, seed, format, apiKeyEnv, allowInsecure,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(model)!.StartsWith("local:", StringComparison.Ordinal))
                context.UseTorchThreads();
            var factory = CliChatClients.CreateFactory(context.LoggerFactory,
                local: new LocalChatClientOptions { ChatFormat = ServeCommand.ParseFormat(parse.GetValue(format)) });
            using var client = CliChatClients.Create(factory, parse.GetValue(model)!,
                new ModelOptions { ApiKeyEnvironmentVariable = parse.GetValue(apiKeyEnv), AllowInsecure = parse.GetValue(allowInsecure) });
            List<ChatMessage> messages = [];
            if (parse.GetValue(system) is { } text)
                messages.Add(new ChatMessage(ChatRole.System, text));
            messages.Add(new ChatMessage(ChatRole.User, parse.GetValue(prompt)!));
            var options = new ChatOptions
            {
                MaxOutputTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                Seed = parse.GetValue(seed),
            };
            var response = await client.GetResponseAsync(messages, options, cancellationToken);
            context.Output.WriteLine(response.Text);
            return ExitCodes.Success;
        });
        return command;
    }
}
