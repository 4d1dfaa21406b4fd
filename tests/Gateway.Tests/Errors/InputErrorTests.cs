using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Errors;

/// <summary>Bad arguments come back as INVALID_INPUT with the argument's path, in the request's words, never .NET's.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InputErrorTests(GatewayFixture fixture)
{
    private const string ItemsQuery = "query($f: ItemFilter, $o: ItemOrder, $a: String) { items(filter: $f, orderBy: $o, first: 1, after: $a) { pageInfo { endCursor } nodes { id } } }";

    private static JsonNode SingleError(GraphQLResponse response)
    {
        Assert.True(response.Errors.Count == 1, response.Raw);
        var error = response.Errors[0]!;
        var message = error["message"]!.GetValue<string>();
        Assert.DoesNotContain("(Parameter", message);
        Assert.DoesNotContain("Actual value", message);
        Assert.Equal("INVALID_INPUT", error["extensions"]?["code"]?.GetValue<string>());
        return error;
    }

    private static string[] Field(JsonNode error) =>
        error["extensions"]?["field"]?.AsArray().Select(f => f!.GetValue<string>()).ToArray() ?? [];

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("bm90IGEgY3Vyc29y")] // base64, but not ours
    [InlineData("MDox")] // "0:1": no item id
    public async Task A_bad_cursor_is_invalid_input_on_after(string cursor)
    {
        var response = await fixture.Host.Client.PostAsync(ItemsQuery, new { a = cursor });

        var error = SingleError(response);
        Assert.Equal(["after"], Field(error));
        Assert.Contains("after", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cursor_of_another_order_is_invalid_input_on_after()
    {
        var market = fixture.Market;
        var seller = await market.CreateUserAsync();
        var category = await market.CreateCategoryAsync();
        var region = await market.CreateRegionAsync();
        await market.ListItemAsync(seller.Token, category, region);
        await market.ListItemAsync(seller.Token, category, region);
        var filter = new { sellerId = seller.Id };
        var cursor = await Eventually.MatchAsync(
            async () => (await fixture.Host.Client.PostAsync(ItemsQuery, new { f = filter, o = "NEWEST" })).Ok()["items"]!["pageInfo"]!["endCursor"]?.GetValue<string>(),
            c => c is not null, "a first page with a cursor");

        var response = await fixture.Host.Client.PostAsync(ItemsQuery, new { f = filter, o = "PRICE_ASC", a = cursor });

        Assert.Equal(["after"], Field(SingleError(response)));
    }

    [Fact]
    public async Task Bad_price_bounds_are_invalid_input_on_the_filter_field()
    {
        var negative = await fixture.Host.Client.PostAsync(ItemsQuery, new { f = new { minPrice = "-1.00" } });
        Assert.Equal(["filter", "minPrice"], Field(SingleError(negative)));

        var crossed = await fixture.Host.Client.PostAsync(ItemsQuery, new { f = new { minPrice = "10.00", maxPrice = "5.00" } });
        Assert.Equal(["filter", "minPrice"], Field(SingleError(crossed)));
    }
}
