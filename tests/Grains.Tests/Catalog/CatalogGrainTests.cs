using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Catalog;

public class CatalogGrainTests
{
    private static readonly CallerContext Admin = CallerContext.Admin();

    [Fact]
    public async Task Sub_categories_are_linked_and_everything_is_listed_by_the_registry()
    {
        await using var market = await Market.CreateAsync();
        (await market.Host.GetGrain<ICategoryGrain>("iphone").CreateAsync(new CreateCategory("iPhone", "phones", true, [1000m, 5000m]), Admin)).Unwrap();
        Assert.Equal(["iphone"], (await market.Host.GetGrain<ICategoryGrain>("phones").GetAsync())!.ChildIds);

        var registry = market.Host.GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key);
        var categories = await registry.GetCategoriesAsync();
        Assert.Equal(["iphone", "phones"], categories.Select(c => c.Id));
        Assert.Equal(["iphone"], categories.Single(c => c.Id == "phones").ChildIds);
        Assert.Equal(["sh"], (await registry.GetRegionsAsync()).Select(r => r.Id));
    }

    [Theory]
    [InlineData("nope", null, "parentId")]
    [InlineData(null, "100,50", "priceBandBounds")]
    [InlineData(null, "100,100", "priceBandBounds")]
    [InlineData(null, "-5", "priceBandBounds")]
    public async Task Unknown_parent_or_bad_bounds_are_invalid_input(string? parent, string? bounds, string field)
    {
        await using var market = await Market.CreateAsync();
        var command = new CreateCategory("X", parent, false, bounds?.Split(',').Select(decimal.Parse).ToArray());
        var result = await market.Host.GetGrain<ICategoryGrain>("x").CreateAsync(command, Admin);
        Assert.Equal((ErrorCodes.InvalidInput, field), (result.Error!.Code, result.Error.Field![1]));
        Assert.Null(await market.Host.GetGrain<ICategoryGrain>("x").GetAsync());
    }

    [Fact]
    public async Task Duplicates_and_non_operators_are_refused()
    {
        await using var market = await Market.CreateAsync();
        Assert.Equal(ErrorCodes.AlreadyExists, (await market.Host.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Other"), Admin)).Error!.Code);
        Assert.Equal("Phones", (await market.Host.GetGrain<ICategoryGrain>("phones").GetAsync())!.Name);
        Assert.Equal(ErrorCodes.AlreadyExists, (await market.Host.GetGrain<IRegionGrain>("sh").CreateAsync("Other", Admin)).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await market.Host.GetGrain<IRegionGrain>("bj").CreateAsync("Beijing", CallerContext.User("u"))).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await market.Host.GetGrain<ICategoryGrain>("c").CreateAsync(new CreateCategory("C"), CallerContext.User("u"))).Error!.Code);
    }
}
