using Orleans.Runtime;
using Orleans.Streams;

namespace Marketplace.Grains.Interfaces.Analytics;

/// <summary>Where market events and stats-change notifications travel.</summary>
public static class MarketStreams
{
    /// <summary>Stream provider name the silo registers (memory in tests, PostgreSQL queue in a cluster).</summary>
    public const string ProviderName = "Market";

    /// <summary>Every <see cref="MarketEvent"/>; stream key = the event's SourceId (per-source order).</summary>
    public const string EventsNamespace = "market-events";

    /// <summary><see cref="MarketStatsChanged"/> notifications; key = category id, region id or <see cref="PlatformKey"/>.</summary>
    public const string CategoryStatsChangedNamespace = "market-category-stats-changed";
    public const string RegionStatsChangedNamespace = "market-region-stats-changed";
    public const string DashboardChangedNamespace = "market-dashboard-changed";

    /// <summary>Key of the platform dashboard grain and of its change stream.</summary>
    public const string PlatformKey = "platform";

    public static StreamId EventStreamFor(MarketEvent marketEvent) => StreamId.Create(EventsNamespace, marketEvent.SourceId);

    /// <summary>Publish one market event to its source's stream. Completes when the provider accepted it.</summary>
    public static Task PublishMarketEventAsync(this IStreamProvider provider, MarketEvent marketEvent) =>
        provider.GetStream<MarketEvent>(EventStreamFor(marketEvent)).OnNextAsync(marketEvent);
}

/// <summary>Some figures of a category, region or the platform changed (the gateway re-reads them).</summary>
/// <param name="Scope">"category", "region" or "platform".</param>
[GenerateSerializer, Immutable, Alias("mp.analytics.MarketStatsChanged")]
public sealed record MarketStatsChanged(string Scope, string Key, DateTimeOffset At);
