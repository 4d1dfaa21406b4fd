using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Trust;

/// <summary>The seller grain reuses a computed profile briefly; every change must still show at once.</summary>
public class SellerProfileTests
{
    [Fact]
    public async Task A_fact_shows_in_the_profile_immediately_even_within_the_reuse_window()
    {
        await using var market = await Market.CreateAsync();
        var seller = market.SellerGrain("reuse-seller");
        var at = market.Host.Time.GetUtcNow(); // the harness clock stands still: every read is inside the reuse window
        var before = await seller.GetProfileAsync();

        await seller.RecordOrderFactAsync(new SellerOrderFact("o-1", SellerOrderFactKind.Placed, at));
        await seller.RecordItemStatusAsync("item-9", ItemStatus.LISTED, at);
        var after = await seller.GetProfileAsync();

        Assert.Equal(before.Stats.Orders + 1, after.Stats.Orders);
        Assert.Equal(before.Stats.ActiveListings + 1, after.Stats.ActiveListings);
    }
}
