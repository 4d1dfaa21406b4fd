using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Runtime;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Common;

/// <summary>Publishing market events for the read side (src/Grains.Interfaces/Analytics/README.md).</summary>
public static class MarketEventPublishing
{
    /// <summary>
    /// Publishes after the change is durable. A failed publish is logged, not thrown: the change already
    /// happened, and the next event of the same source carries the full snapshot, so the read side converges.
    /// </summary>
    public static async Task PublishAfterCommitAsync(this IGrainContext context, MarketEvent marketEvent, ILogger logger)
    {
        try
        {
            await context.GetStreamProvider(MarketStreams.ProviderName).PublishMarketEventAsync(marketEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not publish {Event} for {Source} v{Sequence}", marketEvent.GetType().Name, marketEvent.SourceId, marketEvent.Sequence);
        }
    }
}
