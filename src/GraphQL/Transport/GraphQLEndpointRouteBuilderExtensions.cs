using Marketplace.GraphQL.Transport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.GraphQL.Transport;

public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GraphQL over HTTP (GET, POST), graphql-transport-ws WebSockets and (in development) the
    /// GraphiQL page on one path. Requires <c>AddGraphQLServer</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        var handler = endpoints.ServiceProvider.GetService<GraphQLHttpHandler>()
            ?? throw new InvalidOperationException("Call services.AddGraphQLServer(...) before MapGraphQL.");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;

        // WebSocket support scoped to this endpoint, so the host needs no app.UseWebSockets().
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.WebSockets.KeepAliveInterval });
        pipeline.Run(handler.HandleAsync);
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName("GraphQL " + pattern);
    }
}
