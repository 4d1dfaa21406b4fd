using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Demo;
using Marketplace.GraphQL.Transport;
using Marketplace.Telemetry;

namespace Marketplace.Gateway.Hosting;

/// <summary>Builds the gateway application (Program and in-process tests share it).</summary>
public static class GatewayApp
{
    /// <param name="configure">Extra configuration before building (tests: in-memory settings, a TimeProvider).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings (appsettings.json) come from the output folder, not from the current directory: that is
        // where the command was run (./data is there, see DataFolder), which need not be the project folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = DemoDataExtensions.WithoutFlag(args),
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        var dataFolder = DataFolder.Use(builder);
        builder.AddMarketplaceTelemetry("marketplace-gateway");
        // Read before anything else so a bad mode fails the start with its own message.
        if (GatewayOptions.ReadMode(builder.Configuration) == GatewayMode.Cluster) builder.AddClusterClientMode();
        else builder.AddInProcessSilo();
        builder.AddMarketplaceGateway();
        builder.AddDemoData(args);
        // After the demo data: its hosted service has filled the catalog by the time this one looks.
        builder.Services.AddSingleton<EmptyCatalogHint>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmptyCatalogHint>());

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapGraphQL("/graphql");
        app.MapMarketplaceHealth();
        app.MapMarketplaceMetrics();
        app.MapOperatorDashboard();
        app.MapOperatorConsole();
        if (DataFolder.IsSqliteStore(app.Configuration) && GatewayOptions.ReadMode(app.Configuration) != GatewayMode.Cluster)
            app.Logger.LogInformation("SQLite store: {SqlitePath}", dataFolder.SqlitePath);
        // Resolve the admin token at start so a generated one is logged before the first request.
        app.Services.GetRequiredService<AdminToken>();
        return app;
    }
}
