using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Interfaces.Analytics;

// The aggregates are fed by MarketEventRouterGrain from the `market-events` streams; ApplyAsync is
// public so the router (and tests) can call it. It is idempotent: a repeated or stale event returns false.
// ApplyAsync interleaves ([AlwaysInterleave]): it applies synchronously, then awaits a write shared by
// every event applied meanwhile (group commit), so throughput does not pay one full-state write per event.

/// <summary>Figures of one category including its sub-categories. Key: category id.</summary>
[Alias("mp.analytics.ICategoryStatsGrain")]
public interface ICategoryStatsGrain : IGrainWithStringKey
{
    [AlwaysInterleave] Task<bool> ApplyAsync(MarketEvent marketEvent);

    [ReadOnly] Task<MarketStats> GetStatsAsync(StatsQuery query);

    /// <summary>Reference price at one grade (completed sales of the last 90 days).</summary>
    [ReadOnly] Task<PriceSuggestion> GetReferencePriceAsync(Grade grade);

    /// <summary>Reference prices at every grade, best grade first.</summary>
    [ReadOnly] Task<IReadOnlyList<PriceSuggestion>> GetReferencePricesAsync();
}

/// <summary>Figures of one region. Key: region id.</summary>
[Alias("mp.analytics.IRegionStatsGrain")]
public interface IRegionStatsGrain : IGrainWithStringKey
{
    [AlwaysInterleave] Task<bool> ApplyAsync(MarketEvent marketEvent);

    [ReadOnly] Task<MarketStats> GetStatsAsync(StatsQuery query);
}

/// <summary>The platform dashboard. Key: <see cref="MarketStreams.PlatformKey"/>.</summary>
[Alias("mp.analytics.IPlatformDashboardGrain")]
public interface IPlatformDashboardGrain : IGrainWithStringKey
{
    [AlwaysInterleave] Task<bool> ApplyAsync(MarketEvent marketEvent);

    [ReadOnly] Task<MarketStats> GetStatsAsync(StatsQuery query);

    /// <summary>Categories (the item's own category) by GMV of the last 30 days, highest first.</summary>
    [ReadOnly] Task<IReadOnlyList<MarketRanking>> GetTopCategoriesAsync(int first);

    [ReadOnly] Task<IReadOnlyList<MarketRanking>> GetTopRegionsAsync(int first);

    /// <summary>Current alerts, newest first.</summary>
    [ReadOnly] Task<IReadOnlyList<Alert>> GetAlertsAsync(int first);
}

/// <summary>
/// Implicitly subscribed to `market-events` (key = source id): fans each event out to the category
/// path, the region, the platform dashboard and the listing projection.
/// </summary>
[Alias("mp.analytics.IMarketEventRouterGrain")]
public interface IMarketEventRouterGrain : IGrainWithStringKey
{
    Task RouteAsync(MarketEvent marketEvent);
}
