using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Gateway.Hosting;

public static class HealthEndpoints
{
    /// <summary>The shared readiness (store, draining) plus a grain call: the cluster answers through this gateway.</summary>
    public static IServiceCollection AddMarketplaceHealthChecks(this IServiceCollection services)
    {
        services.AddMarketplaceReadiness().AddCheck<GrainCallHealthCheck>("grains", tags: [Readiness.Tag]);
        return services;
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
