using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Hosting;

/// <summary>
/// Life cycle of the silo in the generic host: validates grain classes and starts idle collection on
/// start; deactivates every activation (OnDeactivateAsync with ShuttingDown) on stop.
/// </summary>
internal sealed class SiloHostedService(IServiceProvider services, Catalog catalog, IdleCollector collector, ILogger<SiloHostedService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Built now so that a bad grain class fails the start, not the first call.
        var registry = services.GetRequiredService<GrainTypeRegistry>();
        collector.Start();
        logger.LogInformation("Silo started with {GrainClassCount} grain classes", registry.Classes.Count());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Dispose();
        var count = catalog.Count;
        try
        {
            await catalog.DeactivateAllAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed. Every acknowledged write is already stored; what is left is
            // deactivation work (e.g. outboxes tidying their stored lists), which the next activation redoes.
            logger.LogWarning("Silo stopped before {Remaining} of {ActivationCount} activations finished deactivating (shutdown timeout)",
                catalog.Count, count);
            return;
        }
        logger.LogInformation("Silo stopped; deactivated {ActivationCount} activations", count);
    }
}
