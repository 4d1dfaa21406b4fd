using System.Net;
using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.GraphQL.Tests.Transport;

/// <summary>Kestrel on 127.0.0.1 with a free port, hosting the test schema at /graphql.</summary>
public sealed class TransportTestServer : IAsyncDisposable
{
    public const string GoodToken = "Bearer good-token";
    public const string ForbiddenToken = "Bearer forbidden-token";

    private readonly WebApplication _app;

    private TransportTestServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }
    public Uri WebSocketEndpoint => new UriBuilder(Endpoint) { Scheme = "ws" }.Uri;

    public static async Task<TransportTestServer> StartAsync(bool development, Action<GraphQLServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IValidationRule, KnownFieldsRule>();
        builder.Services.AddGraphQLServer(TransportTestSchema.Create(), options =>
        {
            options.Development = development;
            options.EnableIntrospection = true;
            options.MaxRequestBodyBytes = 16 * 1024;
            options.Execution.MaxDepth = 16; // the standard introspection query is 15 deep
            options.Execution.MaxCost = 1000;
            options.ContextFactory = http => ValueTask.FromResult<object?>(http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? "http:" + auth : null);
            options.WebSockets.Authenticate = init => ValueTask.FromResult(init.GetPayloadString("authorization") switch
            {
                GoodToken => ConnectionInitResult.Accept("ws:alice"),
                ForbiddenToken => ConnectionInitResult.Forbidden(),
                _ => ConnectionInitResult.Unauthorized(),
            });
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapGraphQL();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TransportTestServer(app, new Uri(address.TrimEnd('/') + "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One development server and one production server shared by a test class.</summary>
public sealed class TransportServersFixture : IAsyncLifetime
{
    public TransportTestServer Development { get; private set; } = null!;
    public TransportTestServer Production { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Development = await TransportTestServer.StartAsync(development: true);
        Production = await TransportTestServer.StartAsync(development: false);
    }

    public async Task DisposeAsync()
    {
        await Development.DisposeAsync();
        await Production.DisposeAsync();
    }
}
