using Marketplace.GraphQL.Analysis;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Transport.Http;
using Marketplace.GraphQL.Transport.WebSockets;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.GraphQL.Transport;

public static class GraphQLServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL server: the executor over the schema (limits and flags from
    /// <see cref="GraphQLServerOptions"/>, every rule of spec section 5 plus any extra registered <see cref="IValidationRule"/>)
    /// and the HTTP/WebSocket handlers used by <c>MapGraphQL</c>. Options bind from "GraphQL:Server".
    /// The specified rules need no registration; registering them (or any rule) again is harmless: each
    /// rule runs once (<see cref="ValidationRuleSet.Distinct"/>).
    /// </summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, Func<IServiceProvider, Schema> schema, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return services.AddGraphQLServer(
            sp =>
            {
                var options = sp.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
                return new DocumentExecutor(
                    schema(sp),
                    options.ToExecutionOptions(),
                    [.. Validation.SpecifiedRules.All, .. sp.GetServices<IValidationRule>()],
                    sp.GetService<ILogger<DocumentExecutor>>(),
                    sp.GetService<TimeProvider>());
            },
            configure);
    }

    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, Schema schema, Action<GraphQLServerOptions>? configure = null) =>
        services.AddGraphQLServer(_ => schema, configure);

    /// <summary>Registers the server over an executor built by the caller.</summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, Func<IServiceProvider, IDocumentExecutor> executor, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        services.AddOptions<GraphQLServerOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(GraphQLServerOptions.ConfigurationSection).Bind(options));
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(executor);
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        return services;
    }
}
