using Cai.Cli.Serve;
using Cai.Cli.Tests.Model;
using Cai.Models;
using Cai.Pipeline.Local;

namespace Cai.Cli.Tests.Serve;

/// <summary>stories260K served in-process on a free port for the whole test class.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public LocalChatClient Client { get; private set; } = null!;
    internal ServeHost Host { get; private set; } = null!;
    public Uri V1 => new(Host.BaseUrl, "v1");
    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Client = new LocalChatClient(LocalModel.Load(CliRun.Stories260K), new LocalChatClientOptions { OwnsModel = true });
        Host = await ServeHost.StartAsync(Client, new ServeOptions { Port = 0, ModelName = "stories", MaxChoices = 4 });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Client.Dispose();
        Http.Dispose();
    }
}
