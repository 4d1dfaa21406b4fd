using Marketplace.Persistence.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Telemetry;

/// <summary>
/// /health/live answers while the process runs (no dependency, so it never flaps under load or when a database
/// blips); /health/ready runs the checks tagged <see cref="Tag"/>: the store answers, the process is not draining,
/// and what each host adds (a silo: Active in membership; a gateway: a grain call).
/// </summary>
public static class Readiness
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddMarketplaceReadiness(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<StorageCheck>("storage", tags: [Tag])
            .AddCheck<DrainingCheck>("draining", tags: [Tag]);

    public static IEndpointRouteBuilder MapMarketplaceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Tag), ResponseWriter = WriteReportAsync });
        return endpoints;
    }

    /// <summary>{"status":..., "checks":{name:{status, description, data}}}: which check failed, in words, for operators and scripts.</summary>
    private static Task WriteReportAsync(Microsoft.AspNetCore.Http.HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return System.Text.Json.JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    /// <summary>The grain store answers (skipped where this process has none: a gateway in cluster mode).</summary>
    private sealed class StorageCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<StorageProbe>() is not { } probe) return HealthCheckResult.Healthy("no store in this process");
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await probe.CheckAsync(timeout.Token);
                return HealthCheckResult.Healthy(probe.Store);
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy($"The {probe.Store} store does not answer.", ex);
            }
        }
    }

    /// <summary>Not ready once stopping: load balancers stop sending new requests while the host drains the rest.</summary>
    private sealed class DrainingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("shutting down")
                : HealthCheckResult.Healthy());
    }
}
