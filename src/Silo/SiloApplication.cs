using System.Reflection;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Common;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Hosting;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Streams.Postgres;

namespace Marketplace.Silo;

/// <summary>
/// Builds the silo process: marketplace grains, storage and reminders from Storage:*, the market
/// stream provider from Streams:Provider, cluster membership and transport from Cluster:*, and
/// health endpoints on Silo:HealthPort for orchestrators.
/// </summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json beside the binary, wherever the process was started from (deploy/local/cluster.sh runs it from the repository root).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        var options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        builder.WebHost.UseUrls($"http://{options.HealthHost}:{options.HealthPort}");

        builder.UseSilo(silo =>
        {
            silo.AddMarketplaceGrains();
            // Extra grain assemblies by path (tests load their own grains into real silo processes).
            foreach (var path in options.GrainAssemblies) silo.AddGrains(Assembly.LoadFrom(Path.GetFullPath(path)));
            silo.UseStorageFromConfiguration();
            // Figure options and the listing projection, as the dev gateway's in-process silo has them.
            silo.Services.AddMarketReadSide(configuration);
            // Risk flags reach the dashboard's alert feed (the default sink only logs).
            silo.Services.AddSingleton<IRiskAlertSink, DashboardRiskAlertSink>();
            silo.AddMarketStreamsFromConfiguration(configuration);
            silo.UseCluster();
        });

        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok("live"));
        // Ready once this silo is Active in its own view: placement may send it grains.
        app.MapGet("/health/ready", (ClusterMembershipView view, LocalSiloIdentity local) =>
            local.Silo is { } self && view.ActiveSilos.Contains(self)
                ? Results.Ok(new { silo = self.ToString(), activeSilos = view.ActiveSilos.Length })
                : Results.Json(new { status = "not active" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    private static ISiloBuilder AddMarketStreamsFromConfiguration(this ISiloBuilder silo, IConfiguration configuration)
    {
        // Postgres by default: a silo is part of a cluster, where market events must reach grains and gateways in other processes.
        var provider = configuration["Streams:Provider"] is { Length: > 0 } configured ? configured : "Postgres";
        return provider.ToLowerInvariant() switch
        {
            "memory" => silo.AddMemoryStreams(MarketStreams.ProviderName),
            "postgres" or "postgresql" => silo.AddPostgresStreams(MarketStreams.ProviderName, o =>
            {
                configuration.GetSection("Streams:Postgres").Bind(o);
                o.ConnectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Streams:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            }),
            _ => throw new InvalidOperationException($"Unknown Streams:Provider '{provider}': expected Memory or Postgres."),
        };
    }
}

/// <summary>Process settings, section "Silo".</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    public string HealthHost { get; set; } = "0.0.0.0";
    public int HealthPort { get; set; } = 8081;
    public string[] GrainAssemblies { get; set; } = [];
}
