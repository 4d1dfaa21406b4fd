using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

/// <summary>A category with its sub-categories: the router sends it every event whose CategoryPath holds this id.</summary>
[GrainType("category-stats")]
public sealed class CategoryStatsGrain(
    IAggregateFactStore store,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger<CategoryStatsGrain> logger)
    : MarketAggregateGrain(store, options, timeProvider, logger), ICategoryStatsGrain
{
    protected override (string Scope, string Namespace) Notifications => ("category", MarketStreams.CategoryStatsChangedNamespace);

    public Task<PriceSuggestion> GetReferencePriceAsync(Grade grade) =>
        Task.FromResult(new ReferencePriceCalculator(Options.Pricing).Calculate(this.GetPrimaryKeyString(), grade, Facts.Orders.Values, Now));

    public Task<IReadOnlyList<PriceSuggestion>> GetReferencePricesAsync() =>
        Task.FromResult(new ReferencePriceCalculator(Options.Pricing).CalculateAll(this.GetPrimaryKeyString(), Facts.Orders.Values, Now));
}
