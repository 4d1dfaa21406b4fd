using System.Net.WebSockets;
using Marketplace.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.GraphQL.Transport.WebSockets;

/// <summary>Accepts graphql-transport-ws connections and runs one <see cref="GraphQLWebSocketSession"/> each.</summary>
internal sealed class GraphQLWebSocketHandler
{
    private readonly IDocumentExecutor _executor;
    private readonly GraphQLServerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GraphQLWebSocketSession> _logger;

    public GraphQLWebSocketHandler(IDocumentExecutor executor, IOptions<GraphQLServerOptions> options, TimeProvider timeProvider, ILogger<GraphQLWebSocketSession> logger)
    {
        _executor = executor;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        if (!requested.Contains(GraphQLTransportWs.SubProtocol))
        {
            // The protocol asks servers to close with 4406 when the subprotocol is not theirs.
            using var plain = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await plain.CloseOutputAsync((WebSocketCloseStatus)GraphQLTransportWs.CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(GraphQLTransportWs.SubProtocol).ConfigureAwait(false);
        await using var session = new GraphQLWebSocketSession(socket, context, _executor, _options, _timeProvider, _logger);
        // Draining on shutdown: the host waits for requests to end, and a socket ends only when told to.
        var lifetime = context.RequestServices.GetService<IHostApplicationLifetime>();
        await using var stopping = lifetime?.ApplicationStopping.Register(() => _ = session.CloseForShutdownAsync());
        await session.RunAsync().ConfigureAwait(false);
    }
}
