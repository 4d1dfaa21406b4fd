using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Recommendations;
using Marketplace.Grains.Listings;
using Marketplace.Grains.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Tests.Recommendations;

/// <summary>
/// The recommendation grain against listing indexes fed by hand (no streams here), so the index can be made to lag:
/// what the index still calls LISTED but the item grain does not is never returned.
/// </summary>
public class RecommendationGrainTests
{
    private static readonly CallerContext Admin = CallerContext.Admin();

    [Fact]
    public async Task Items_the_index_still_shows_as_listed_but_are_reserved_are_skipped_for_the_next_best()
    {
        await using var host = await GrainHarness.StartAsync(configure: services => services.AddSingleton<IListingStore>(new MemoryListingStore()));
        (await host.GetGrain<IRegionGrain>("north").CreateAsync("North", Admin)).Unwrap();
        (await host.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Phones"), Admin)).Unwrap();
        var seller = CallerContext.User("seller");
        foreach (var (id, price) in new[] { ("ref", 100m), ("near", 101m), ("mid", 120m), ("far", 300m) })
        {
            var view = (await host.GetGrain<IItemGrain>(id).ListAsync(new ListItem("phone " + id, "", "phones", "north", Grade.EXCELLENT, price), seller)).Unwrap();
            var snapshot = new ItemSnapshot(view.Id, 1, view.SellerId, view.CategoryId, ["phones"], view.RegionId, view.Title, view.Description,
                view.ClaimedGrade, null, view.Price, view.Status, view.ListedAt, null, 0, 0);
            await host.GetGrain<IListingIndexGrain>(ListingIndexKeys.All).ApplyAsync(snapshot);
            await host.GetGrain<IListingIndexGrain>(ListingIndexKeys.ForCategory("phones")).ApplyAsync(snapshot);
        }
        var recommendations = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecommendationGrain>(IRecommendationGrain.Key);
        Assert.Equal(["near", "mid", "far"], (await recommendations.SimilarAsync("ref", null, 10)).Select(i => i.Id));

        // "near" is reserved; the index is not told (as when the projection lags an order by a moment).
        var buyer = CallerContext.User("buyer");
        (await host.GetGrain<IOrderGrain>(OrderIds.ForPlacement("buyer", "k")).PlaceAsync(new PlaceOrder("near", false, "k"), buyer)).Unwrap();
        Assert.Equal(["mid", "far"], (await recommendations.SimilarAsync("ref", "buyer", 10)).Select(i => i.Id));
        Assert.Equal(["mid"], (await recommendations.SimilarAsync("ref", "buyer", 1)).Select(i => i.Id)); // the next best fills the place
        Assert.Empty(await recommendations.SimilarAsync("ref", "seller", 10)); // the seller's own, all of them
    }
}
