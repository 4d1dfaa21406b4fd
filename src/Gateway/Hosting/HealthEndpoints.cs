using Marketplace.Grains.Interfaces.Catalog;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Gateway.Hosting;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    /// <summary>/health/live: the process answers. /health/ready: a grain call (and so storage) answers.</summary>
    public static IServiceCollection AddMarketplaceHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<GrainCallHealthCheck>("grains", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapMarketplaceHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    private sealed class GrainCallHealthCheck(IClusterClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await client.GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key).GetRegionsAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("A grain call failed.", ex);
            }
        }
    }
}
