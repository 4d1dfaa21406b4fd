using System.Reflection;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Streams;
using Marketplace.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Marketplace.Silo;

/// <summary>
/// Builds the silo process: the marketplace grains on Orleans, clustering from Cluster:* (PostgreSQL membership),
/// storage and reminders from Storage:*, the market stream provider from Streams:*, and health endpoints on
/// Silo:HealthPort for orchestrators.
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
        var telemetry = builder.AddMarketplaceTelemetry("marketplace-silo");

        builder.UseOrleans(silo =>
        {
            silo.UseMarketplaceClustering(configuration)
                .UseMarketplaceStorage(configuration)
                .AddMarketplaceGrains(configuration)
                .AddMarketplaceStreams(MarketStreams.ProviderName, configuration)
                // The gateway serves the dashboard's pages; every silo reports its grains to it.
                .AddDashboard();
            // Grain calls join the trace of the request that made them (W3C trace context in the call's headers).
            if (telemetry.Tracing) silo.AddActivityPropagation();
            // In Kubernetes the pod's name, IP and labels give the silo its identity (deploy/k8s sets Cluster:Kubernetes).
            if (configuration.GetValue<bool>("Cluster:Kubernetes")) silo.UseKubernetesHosting();
            // Extra grain assemblies by path (tests load their own grains into real silo processes).
            foreach (var path in options.GrainAssemblies)
            {
                var assembly = Assembly.LoadFrom(Path.GetFullPath(path));
                silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
            }
            // Figure options and the listing projection, as the dev gateway's in-process silo has them.
            silo.Services.AddMarketReadSide(configuration);
        });

        builder.Services.AddMarketplaceReadiness().AddCheck<ActiveMembershipCheck>("membership", tags: [Readiness.Tag]);
        var app = builder.Build();
        app.MapMarketplaceHealth();
        app.MapMarketplaceMetrics();
        return app;
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

/// <summary>Ready once this silo is Active in the membership view: placement may send it grains.</summary>
internal sealed class ActiveMembershipCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(snapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active
            ? HealthCheckResult.Healthy("active", new Dictionary<string, object> { ["silo"] = local.SiloAddress.ToString(), ["activeSilos"] = active })
            : HealthCheckResult.Unhealthy("not active in the membership"));
    }
}
