using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Schema;

/// <summary>Outside Development: introspection is off; everywhere: depth and alias limits, bad scalars refused.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Production_gateway_refuses_introspection_and_deep_or_alias_heavy_documents()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["GraphQL:Server:Execution:MaxDepth"] = "6",
            ["GraphQL:Server:Execution:MaxAliases"] = "3",
        }, environment: "Production");

        var introspection = await host.Client.PostAsync("{ __schema { types { name } } }");
        Assert.Null(introspection.Data?["__schema"]);
        Assert.NotEmpty(introspection.Errors);

        var deep = await host.Client.PostAsync("{ item(id: \"x\") { seller { items { nodes { seller { items { nodes { id } } } } } } } }");
        Assert.Contains("MAX_DEPTH_EXCEEDED", deep.ErrorCodes);

        var aliases = await host.Client.PostAsync("{ a: categories { id } b: categories { id } c: categories { id } d: categories { id } }");
        Assert.Contains("MAX_ALIASES_EXCEEDED", aliases.ErrorCodes);

        (await host.Client.PostAsync("{ categories { id } }")).Ok();
    }

    [Fact]
    public async Task Decimal_input_accepts_strings_and_numbers_but_not_floats_in_exponent_form()
    {
        await using var host = await GatewayHost.StartAsync();
        var market = new Market(host);
        var seller = await market.CreateUserAsync();
        var category = await market.CreateCategoryAsync();
        var region = await market.CreateRegionAsync();
        const string mutation = "mutation($i: ListItemInput!) { listItem(input: $i) { item { price } errors { code field } } }";

        var fromNumber = await host.Client.PostAsync(mutation, new { i = new { title = "n", categoryId = category, regionId = region, claimedGrade = "GOOD", price = 12.5m } }, seller.Token);
        Assert.Equal("12.50", fromNumber.Payload("listItem", "item")["price"]!.GetValue<string>());
        var exponent = await host.Client.PostAsync(mutation, new { i = new { title = "e", categoryId = category, regionId = region, claimedGrade = "GOOD", price = "1e3" } }, seller.Token);
        Assert.NotEmpty(exponent.Errors);
        Assert.Null(exponent.Data?["listItem"]);
        var negative = await host.Client.PostAsync(mutation, new { i = new { title = "neg", categoryId = category, regionId = region, claimedGrade = "GOOD", price = "-1.00" } }, seller.Token);
        Assert.Equal("INVALID_INPUT", negative.PayloadError("listItem", "item"));
    }
}
