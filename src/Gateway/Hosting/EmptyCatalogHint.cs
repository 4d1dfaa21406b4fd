using Marketplace.Gateway.Demo;
using Marketplace.Grains.Interfaces.Catalog;

namespace Marketplace.Gateway.Hosting;

/// <summary>
/// A new store has no categories and no regions, so nothing can be listed: once the gateway has
/// started (after the demo data, when asked for), one log line says how to get going when the
/// catalog has no category. Never delays or fails the start.
/// </summary>
public sealed class EmptyCatalogHint(IClusterClient grains, IHostApplicationLifetime lifetime, ILogger<EmptyCatalogHint> logger) : IHostedService
{
    public const string Message =
        "The catalog is empty (no categories): nothing can be listed yet. For a demo market restart with " +
        "`dotnet run --project src/Gateway -- " + DemoDataExtensions.Flag + "`; or, as ADMIN (the admin token as " +
        "`Authorization: Bearer <token>`), call the mutations createCategory and createRegion.";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = CheckAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logs the hint when there is no category; true when it did.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var categories = await grains.GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key).GetCategoriesAsync()
                .WaitAsync(Patience, cancellationToken);
            if (categories.Count > 0) return false;
            logger.LogInformation(Message);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only a hint: a cluster that is not reachable yet says so elsewhere.
            logger.LogDebug(exception, "Could not tell whether the catalog is empty.");
            return false;
        }
    }
}
