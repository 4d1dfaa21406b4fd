using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Limits;
using Marketplace.Gateway.Loading;
using Marketplace.Gateway.Schema;
using Marketplace.Gateway.Subscriptions;
using Marketplace.GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Hosting;

public static class GatewayServiceExtensions
{
    /// <summary>
    /// The GraphQL gateway: the contract schema over the grains, bearer-token authentication (HTTP header
    /// and graphql-transport-ws connection_init), limits from "GraphQL:Server", introspection and
    /// GraphiQL only in Development.
    /// </summary>
    public static IHostApplicationBuilder AddMarketplaceGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();
        services.AddOptions<GatewayAuthOptions>().Bind(builder.Configuration.GetSection(GatewayAuthOptions.SectionName));
        services.AddSingleton(sp => CreateAdminToken(sp, isDevelopment));
        services.AddSingleton<BearerAuthenticator>();
        services.AddSingleton<ChangeSignals>();
        services.AddOptions<SellerCardOptions>().Bind(builder.Configuration.GetSection(SellerCardOptions.SectionName));
        services.AddSingleton<SellerCardCache>();

        services.AddGraphQLServer(_ => MarketplaceSchema.Build(), options =>
        {
            options.Development = isDevelopment;
            // The real GraphiQL, bundled by the console's build; the engine's minimal page when it was not built.
            options.GraphiQLHtmlFile = OperatorConsole.GraphiQLPage;
        });
        services.AddGatewayRateLimits(builder.Configuration);
        var trustedDocuments = builder.Configuration.GetSection(TrustedDocumentSettings.SectionName).Get<TrustedDocumentSettings>() ?? new();
        services.AddOptions<GraphQLServerOptions>().Configure<BearerAuthenticator, SubscriptionLimiter, ILoggerFactory>((options, authenticator, subscriptions, logs) =>
        {
            options.TrustedDocuments = trustedDocuments.Load(logs.CreateLogger("Marketplace.Gateway.TrustedDocuments"));
            options.WebSockets.AdmitOperation = subscriptions.AdmitAsync;
            options.ContextFactory = async http => await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString());
            options.WebSockets.Authenticate = async init =>
            {
                var caller = await authenticator.AuthenticateAsync(init.GetPayloadString("authorization") ?? init.GetPayloadString("Authorization"));
                // No token: a public connection (itemPriceChanged, categoryStatsChanged); a bad token is refused.
                return caller.BadToken ? ConnectionInitResult.Unauthorized() : ConnectionInitResult.Accept(caller);
            };
        });
        services.AddMarketplaceHealthChecks();
        return builder;
    }

    private static AdminToken CreateAdminToken(IServiceProvider services, bool isDevelopment)
    {
        var configured = services.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.AdminToken;
        if (!string.IsNullOrWhiteSpace(configured)) return new AdminToken(configured);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Gateway.Auth");
        if (!isDevelopment)
        {
            // Outside development an unset admin token means no admin: a random one nobody knows.
            logger.LogWarning("Auth:AdminToken is not set: admin operations are unavailable.");
            return new AdminToken(Grains.Interfaces.Users.AccessTokens.Generate());
        }
        // Development: one token per data folder, kept there, so a restart keeps it.
        var folder = services.GetService<DataFolder>() ?? DataFolder.Resolve(services.GetRequiredService<IConfiguration>());
        var (token, path, created) = DevelopmentAdminToken.LoadOrCreate(folder.Path);
        if (created) logger.LogWarning("Auth:AdminToken is not set; generated a development admin token, kept in {AdminTokenFile} for later starts: {AdminToken}", path, token);
        else logger.LogWarning("Auth:AdminToken is not set; development admin token from {AdminTokenFile}: {AdminToken}", path, token);
        return new AdminToken(token);
    }
}
