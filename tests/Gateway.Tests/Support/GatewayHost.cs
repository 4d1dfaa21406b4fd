using Marketplace.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Gateway.Tests.Support;

/// <summary>The real gateway (in-process silo, memory store) listening on 127.0.0.1 with a free port.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new GraphQLHttpClient(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    public Uri BaseAddress { get; }
    public Uri GraphQLEndpoint => new(BaseAddress, "/graphql");
    public Uri WebSocketEndpoint => new(GraphQLEndpoint.ToString().Replace("http://", "ws://"));
    public GraphQLHttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration on top of the test defaults (e.g. short deadlines).</param>
    /// <param name="configure">More set-up after the test defaults (e.g. a log capture).</param>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?>? settings = null, string environment = "Development", Action<WebApplicationBuilder>? configure = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["Auth:AdminToken"] = AdminToken,
            // Gateways of parallel test classes each host a silo: each needs ports of its own.
            ["Cluster:SiloPort"] = FreePort().ToString(),
            ["Cluster:GatewayPort"] = FreePort().ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) defaults[key] = value;
        var app = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(defaults);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, new Uri(address));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
