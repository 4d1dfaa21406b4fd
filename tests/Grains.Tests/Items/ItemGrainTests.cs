using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Items;

public class ItemGrainTests
{
    [Fact]
    public async Task Listing_records_the_listed_price_and_counts_for_the_seller()
    {
        await using var market = await Market.CreateAsync();
        var item = await market.ListAsync(price: 99.90m);
        Assert.Equal(ItemStatus.LISTED, item.Status);
        Assert.Equal([new PricePoint(99.90m, item.ListedAt!.Value, PriceChangeReason.LISTED)], item.PriceHistory);
        var stats = (await market.SellerGrain().GetProfileAsync()).Stats;
        Assert.Equal((1, 1), (stats.Listed, stats.ActiveListings));
    }

    [Theory]
    [InlineData("", "phones", "sh", "1", "title")]
    [InlineData("T", "nope", "sh", "1", "categoryId")]
    [InlineData("T", "phones", "nope", "1", "regionId")]
    [InlineData("T", "phones", "sh", "0", "price")]
    [InlineData("T", "phones", "sh", "1.999", "price")]
    public async Task Bad_listings_are_invalid_input_and_store_nothing(string title, string category, string region, string price, string field)
    {
        await using var market = await Market.CreateAsync();
        var result = await market.Item("i").ListAsync(new ListItem(title, "", category, region, Grade.GOOD, decimal.Parse(price)), Seller);
        Assert.Equal((ErrorCodes.InvalidInput, field), (result.Error!.Code, result.Error.Field![1]));
        Assert.Null(await market.Item("i").GetAsync());
    }

    [Fact]
    public async Task Only_the_seller_changes_the_price_and_history_grows()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        Assert.Equal(ErrorCodes.Forbidden, (await market.Item("item-1").ChangePriceAsync(1m, Buyer)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await market.Item("item-1").ChangePriceAsync(-1m, Seller)).Error!.Code);
        Assert.Equal(100m, (await market.Item("item-1").GetAsync())!.Price);
        var changed = (await market.Item("item-1").ChangePriceAsync(89.50m, Seller)).Unwrap();
        Assert.Equal(89.50m, changed.Price);
        Assert.Equal([PriceChangeReason.LISTED, PriceChangeReason.SELLER_CHANGE], changed.PriceHistory.Select(p => p.Reason));
        await market.PlaceAsync();
        Assert.Equal(ErrorCodes.InvalidState, (await market.Item("item-1").ChangePriceAsync(80m, Seller)).Error!.Code);
    }

    [Fact]
    public async Task Favorites_count_each_user_once_and_appear_in_the_buyer_list()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        await market.ListAsync("item-2");
        (await market.Item("item-1").FavoriteAsync(Buyer)).Unwrap();
        (await market.Item("item-1").FavoriteAsync(Buyer)).Unwrap();
        (await market.Item("item-2").FavoriteAsync(Buyer)).Unwrap();
        Assert.Equal(2, (await market.Item("item-1").FavoriteAsync(CallerContext.User("other"))).Unwrap().Favorites);
        Assert.Equal(["item-1", "item-2"], (await market.BuyerGrain().GetAsync()).FavoriteItemIds);
        (await market.Item("item-1").RecordViewAsync()).Unwrap();
        Assert.Equal(1, (await market.Item("item-1").GetAsync())!.Views);
        Assert.Equal(ErrorCodes.NotFound, (await market.Item("none").RecordViewAsync()).Error!.Code);
    }

    [Fact]
    public async Task Delisting_is_for_the_seller_while_listed()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        Assert.Equal(ErrorCodes.Forbidden, (await market.Item("item-1").DelistAsync(Buyer)).Error!.Code);
        Assert.Equal(ItemStatus.DELISTED, (await market.Item("item-1").DelistAsync(Seller)).Unwrap().Status);
        Assert.Equal(ErrorCodes.InvalidState, (await market.Item("item-1").DelistAsync(Seller)).Error!.Code);
        Assert.Equal(0, (await market.SellerGrain().GetProfileAsync()).Stats.ActiveListings);
    }
}
