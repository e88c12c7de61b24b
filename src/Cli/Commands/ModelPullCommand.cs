using Cai.Models.Hub;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai model pull &lt;repo&gt;[@revision] [--file ...] [--cache dir] [--endpoint url]</c>: downloads a Hub model (or the
/// named files) into the local cache, sha256-verified and resumable, and prints the folder.
/// </summary>
internal static class ModelPullCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var repo = new Argument<string>("repo") { Description = "owner/name[@revision]." };
        var files = new Option<string[]>("--file") { Description = "Files to fetch (default: config, tokenizer and weights).", AllowMultipleArgumentsPerToken = false };
        var cache = new Option<string?>("--cache") { Description = "Cache folder (default: CAI_CACHE or ~/.cache/cai/hub)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Hub base URL (default: HF_ENDPOINT or https://huggingface.co)." };
        var command = new Command("pull", "Download a model from the Hugging Face Hub into the local cache.") { repo, files, cache, endpoint };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = HubOptions.FromEnvironment();
            if (parse.GetValue(cache) is { } dir)
                options = options with { CacheDir = dir };
            if (parse.GetValue(endpoint) is { } url)
                options = options with
                {
                    Endpoint = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new CliException($"--endpoint '{url}' is not an absolute URL."),
                };
            using var hub = new HubClient(options);
            var spec = parse.GetValue(repo)!;
            try
            {
                var selected = parse.GetValue(files) ?? [];
                var folder = selected.Length > 0
                    ? await hub.DownloadAsync(spec, selected, cancellationToken: cancellationToken)
                    : await hub.DownloadModelAsync(spec, cancellationToken: cancellationToken);
                context.Output.WriteLine(folder);
            }
            catch (Exception e) when (e is HubDownloadException or ArgumentException or HttpRequestException)
            {
                throw new CliException($"cannot pull '{spec}': {e.Message}", ExitCodes.Failure, e);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
