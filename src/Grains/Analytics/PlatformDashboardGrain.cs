using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

/// <summary>Every market event of the platform: overall figures, rankings and alerts.</summary>
[GrainType("platform-dashboard")]
public sealed class PlatformDashboardGrain(
    IAggregateFactStore store,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger<PlatformDashboardGrain> logger)
    : MarketAggregateGrain(store, options, timeProvider, logger), IPlatformDashboardGrain
{
    protected override (string Scope, string Namespace) Notifications => ("platform", MarketStreams.DashboardChangedNamespace);

    public Task<IReadOnlyList<MarketRanking>> GetTopCategoriesAsync(int first) =>
        Task.FromResult(MarketRankings.Rank(Facts, o => o.CategoryId, Now, first));

    public Task<IReadOnlyList<MarketRanking>> GetTopRegionsAsync(int first) =>
        Task.FromResult(MarketRankings.Rank(Facts, o => o.RegionId, Now, first));

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(int first) =>
        Task.FromResult(new AlertDetector(Options).Detect(Facts, Now, first));
}
