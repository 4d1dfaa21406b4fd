using Marketplace.Grains.Interfaces.Analytics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

[GrainType("region-stats")]
public sealed class RegionStatsGrain(
    IAggregateFactStore store,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger<RegionStatsGrain> logger)
    : MarketAggregateGrain(store, options, timeProvider, logger), IRegionStatsGrain
{
    protected override (string Scope, string Namespace) Notifications => ("region", MarketStreams.RegionStatsChangedNamespace);
}
