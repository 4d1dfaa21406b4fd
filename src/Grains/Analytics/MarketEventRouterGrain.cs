using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.Listings;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// One per event source (stream key = source id). Fans each event out to every category of its path,
/// its region, the platform dashboard, the listing projection (item events) and the order-list projection
/// (order events). Throws when a target fails, so the stream redelivers; targets are idempotent, so the
/// ones that already applied it ignore the repeat.
/// </summary>
[GrainType("market-event-router")]
[ImplicitStreamSubscription(MarketStreams.EventsNamespace)]
public sealed class MarketEventRouterGrain(IListingStore listings, IOrderListStore orderLists, Interfaces.Rentals.IRentalListStore rentalLists) : Grain, IMarketEventRouterGrain, IStreamSubscriptionObserver, IAsyncObserver<MarketEvent>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<MarketEvent>().ResumeAsync(this);

    public Task OnNextAsync(MarketEvent item, StreamSequenceToken? token = null) => RouteAsync(item);

    // Implicit subscriptions never end; a provider error has nothing for the router to undo.
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task RouteAsync(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var (categoryId, path, regionId) = Placement(marketEvent);
        var work = new List<Task> { GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).ApplyAsync(marketEvent) };
        if (categoryId is not null)
            work.AddRange(path.Append(categoryId).Distinct(StringComparer.Ordinal)
                .Select(c => GrainFactory.GetGrain<ICategoryStatsGrain>(c).ApplyAsync(marketEvent)));
        if (regionId is not null) work.Add(GrainFactory.GetGrain<IRegionStatsGrain>(regionId).ApplyAsync(marketEvent));
        if (marketEvent is ItemEvent itemEvent) work.Add(ProjectAsync(itemEvent.Item));
        if (marketEvent is OrderEvent orderEvent) work.Add(ProjectOrderAsync(OrderListRow.From(orderEvent.Order, orderEvent.At)));
        if (marketEvent is Interfaces.Rentals.RentalChanged rentalChanged) work.Add(Rentals.RentalEventRouting.RouteAsync(GrainFactory, rentalLists, rentalChanged));
        await Task.WhenAll(work);
    }

    /// <summary>
    /// The SQL projection first (it is what the indexes reload from), then the in-memory indexes: the one
    /// of everything, then, unless it knows a newer version, the item's categories and those it left.
    /// The indexes are told even when the projection already had this version (a redelivery after a
    /// failure may have written the projection but not the indexes); they ignore what they already have.
    /// </summary>
    private async Task ProjectAsync(ItemSnapshot item)
    {
        await listings.UpsertAsync(item);
        var update = await GrainFactory.GetGrain<IListingIndexGrain>(ListingIndexKeys.All).ApplyAsync(item);
        if (!update.Current) return; // stale: the newer version's own event updates the category indexes
        await Task.WhenAll(ListingRow.Categories(item).Concat(update.LeftCategories).Distinct(StringComparer.Ordinal)
            .Select(c => GrainFactory.GetGrain<IListingIndexGrain>(ListingIndexKeys.ForCategory(c)).ApplyAsync(item)));
    }

    /// <summary>
    /// As for listings: the SQL projection first (what the index reloads from), then the in-memory index, told
    /// even when the store already had this version (a redelivery after a failure between the two writes).
    /// Both keep the newest version per order, so repeats and stale events change nothing.
    /// </summary>
    private async Task ProjectOrderAsync(OrderListRow row)
    {
        await orderLists.UpsertAsync(row);
        await GrainFactory.GetGrain<IOrderListIndexGrain>(IOrderListIndexGrain.All).ApplyAsync(row);
    }

    private static (string? CategoryId, IReadOnlyList<string> Path, string? RegionId) Placement(MarketEvent marketEvent) => marketEvent switch
    {
        ItemEvent e => (e.Item.CategoryId, e.Item.CategoryPath ?? [], e.Item.RegionId),
        OrderEvent e => (e.Order.CategoryId, e.Order.CategoryPath ?? [], e.Order.RegionId),
        Interfaces.Rentals.RentalChanged e => (e.Rental.CategoryId, e.Rental.CategoryPath ?? [], e.Rental.RegionId),
        // Self-purchase attempts and seller levels are platform alerts only.
        _ => (null, [], null),
    };
}
