using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Shared body of the category, region and platform aggregates: facts persisted as grain state,
/// events applied exactly once, figures computed on demand, a change notification after each new event.
/// </summary>
public abstract class MarketAggregateGrain(
    IPersistentState<MarketFacts> facts,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger logger) : Grain
{
    protected MarketFacts Facts => facts.State;
    protected MarketFiguresOptions Options => options.Value;
    protected DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Scope and namespace of the change notifications.</summary>
    protected abstract (string Scope, string Namespace) Notifications { get; }

    public async Task<bool> ApplyAsync(MarketEvent marketEvent)
    {
        if (!MarketFactsApplier.Apply(facts.State, marketEvent)) return false;
        try
        {
            await facts.WriteStateAsync();
        }
        catch
        {
            // Undo the in-memory change by reloading: the publisher's redelivery applies the event again.
            await facts.ReadStateAsync();
            throw;
        }
        await NotifyChangedAsync();
        return true;
    }

    public Task<MarketStats> GetStatsAsync(StatsQuery query) =>
        Task.FromResult(new MarketStatsCalculator(Options).Calculate(Facts, query, Now));

    protected async Task NotifyChangedAsync()
    {
        var (scope, @namespace) = Notifications;
        try
        {
            await GetStreamProvider(MarketStreams.ProviderName)
                .GetStream<MarketStatsChanged>(Marketplace.Runtime.Streams.StreamId.Create(@namespace, GetPrimaryKeyString()))
                .OnNextAsync(new MarketStatsChanged(scope, GetPrimaryKeyString(), Now));
        }
        catch (Exception ex)
        {
            // A lost notification only delays a subscriber; the figures themselves are already durable.
            logger.LogWarning(ex, "Could not publish the stats-changed notification of {Scope} {Key}", scope, GetPrimaryKeyString());
        }
    }
}
