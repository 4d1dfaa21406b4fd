using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.OrderLists;

/// <summary>
/// Query.orders, Seller.sales and Buyer.purchases over HTTP: who sees which list (the contract's table),
/// every OrderFilter field, newest-first cursor paging with the whole count, and a status change reaching
/// every list it belongs to. The fixture's orders are described on <see cref="OrderListFixture"/>.
/// </summary>
public sealed class OrderListTests(OrderListFixture fixture) : IClassFixture<OrderListFixture>
{
    private const string Page = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id status price fee withInspection history { status } item { id } buyer { id } seller { id } } }";
    private readonly Market _market = fixture.Market;
    private GraphQLHttpClient Client => fixture.Host.Client;

    private Task<GraphQLResponse> OrdersAsync(string token, object? filter = null, int first = 20, string? after = null) =>
        Client.PostAsync($"query($f: OrderFilter, $first: Int, $after: String) {{ orders(filter: $f, first: $first, after: $after) {{ {Page} }} }}",
            new { f = filter, first, after }, token);

    private async Task<(string Names, int Total)> ListAsync(string token, object? filter = null)
    {
        var connection = (await OrdersAsync(token, filter)).Ok()["orders"]!;
        return (fixture.Names(connection), connection["totalCount"]!.GetValue<int>());
    }

    private Task<GraphQLResponse> SalesAsync(string token, string sellerId, string? status = null) =>
        Client.PostAsync($"query($id: ID!, $s: OrderStatus) {{ seller(id: $id) {{ sales(status: $s) {{ {Page} }} }} }}", new { id = sellerId, s = status }, token);

    private Task<GraphQLResponse> PurchasesAsync(string? token, string buyerId, string? status = null) =>
        Client.PostAsync($"query($id: ID!, $s: OrderStatus) {{ buyer(id: $id) {{ purchases(status: $s) {{ {Page} }} }} }}", new { id = buyerId, s = status }, token);

    [Fact]
    public async Task Operators_and_admins_see_every_order_newest_first()
    {
        foreach (var token in new[] { fixture.Operator.Token, _market.Admin })
        {
            var connection = (await OrdersAsync(token, first: 100)).Ok()["orders"]!;
            var names = fixture.Names(connection);
            Assert.Contains("o5 o4 o3 o2 o1", names);
            Assert.Equal(connection["edges"]!.AsArray().Count, connection["totalCount"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Nodes_answer_row_fields_and_grain_fields_alike()
    {
        var connection = (await OrdersAsync(_market.Admin, new { sellerId = fixture.Seller.Id, status = new[] { "COMPLETED" } })).Ok()["orders"]!;
        var node = Assert.Single(connection["edges"]!.AsArray())!["node"]!;
        Assert.Equal(fixture.Orders[1], node["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", node["status"]!.GetValue<string>());
        Assert.Equal("100.00", node["price"]!.ToString());
        Assert.Equal("5.00", node["fee"]!.ToString());
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED", "COMPLETED"], node["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal((fixture.Buyer1.Id, fixture.Seller.Id), (node["buyer"]!["id"]!.GetValue<string>(), node["seller"]!["id"]!.GetValue<string>()));

        var nodes = (await Client.PostAsync("query($f: OrderFilter) { orders(filter: $f) { nodes { id status } } }",
            new { f = new { sellerId = fixture.Seller.Id } }, _market.Admin)).Ok()["orders"]!["nodes"]!.AsArray();
        Assert.Equal("o4:CANCELLED o3:PAID o2:AWAITING_PAYMENT o1:COMPLETED",
            string.Join(' ', nodes.Select(n => $"{fixture.Name(n!["id"]!.GetValue<string>())}:{n["status"]!.GetValue<string>()}")));
    }

    [Fact]
    public async Task Every_filter_field_narrows_the_list_and_its_total()
    {
        var admin = _market.Admin;
        Assert.Equal(("o4 o1", 2), await ListAsync(admin, new { sellerId = fixture.Seller.Id, status = new[] { "COMPLETED", "CANCELLED" } }));
        Assert.Equal(("o3", 1), await ListAsync(admin, new { sellerId = fixture.Seller.Id, status = new[] { "PAID" } }));
        Assert.Equal(("o3 o2", 2), await ListAsync(admin, new { sellerId = fixture.Seller.Id, withInspection = true }));
        Assert.Equal(("o4 o1", 2), await ListAsync(admin, new { sellerId = fixture.Seller.Id, withInspection = false }));
        Assert.Equal(("o4 o3 o2 o1", 4), await ListAsync(admin, new { sellerId = fixture.Seller.Id }));
        Assert.Equal(("o5", 1), await ListAsync(admin, new { sellerId = fixture.Seller2.Id }));
        Assert.Equal(("o5 o3 o1", 3), await ListAsync(admin, new { buyerId = fixture.Buyer1.Id }));
        Assert.Equal(("o3 o2 o1", 3), await ListAsync(admin, new { categoryId = fixture.Parent })); // includes the sub-category
        Assert.Equal(("o5 o4", 2), await ListAsync(admin, new { categoryId = fixture.Other }));
        Assert.Equal(("o4 o3", 2), await ListAsync(admin, new { regionId = fixture.Region2 }));
        Assert.Equal(("o5 o2", 2), await ListAsync(admin, new { regionId = fixture.Region1, status = new[] { "AWAITING_PAYMENT" } }));
        Assert.Equal(("o3", 1), await ListAsync(admin, new { buyerId = fixture.Buyer1.Id, categoryId = fixture.Child, withInspection = true }));
    }

    [Fact]
    public async Task Pages_follow_cursors_newest_first_and_count_the_whole_set()
    {
        var filter = new { sellerId = fixture.Seller.Id };
        var first = (await OrdersAsync(_market.Admin, filter, first: 3)).Ok()["orders"]!;
        Assert.Equal("o4 o3 o2", fixture.Names(first));
        Assert.Equal(4, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(first["edges"]![2]!["cursor"]!.GetValue<string>(), first["pageInfo"]!["endCursor"]!.GetValue<string>());

        var second = (await OrdersAsync(_market.Admin, filter, first: 3, after: first["pageInfo"]!["endCursor"]!.GetValue<string>())).Ok()["orders"]!;
        Assert.Equal("o1", fixture.Names(second));
        Assert.Equal(4, second["totalCount"]!.GetValue<int>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(second["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        // Unfiltered, two at a time: every order once, newest first, as many as the total says.
        var seen = new List<string>();
        string? after = null;
        int total;
        do
        {
            var page = (await OrdersAsync(fixture.Operator.Token, first: 2, after: after)).Ok()["orders"]!;
            total = page["totalCount"]!.GetValue<int>();
            seen.AddRange(page["edges"]!.AsArray().Select(e => fixture.Name(e!["node"]!["id"]!.GetValue<string>())));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(["o5", "o4", "o3", "o2", "o1"], seen.Where(n => n.Length == 2 && n[0] == 'o'));

        var zero = (await OrdersAsync(_market.Admin, filter, first: 0)).Ok()["orders"]!;
        Assert.Equal((0, 4), (zero["edges"]!.AsArray().Count, zero["totalCount"]!.GetValue<int>()));

        var bad = await OrdersAsync(_market.Admin, filter, after: "not-a-cursor");
        Assert.Equal(["INVALID_INPUT"], bad.ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await OrdersAsync(_market.Admin, filter, first: 101)).ErrorCodes);
    }

    [Fact]
    public async Task An_inspector_sees_orders_with_inspection_only()
    {
        var token = fixture.Inspector.Token;
        var everything = (await OrdersAsync(token, first: 100)).Ok()["orders"]!;
        var nodes = everything["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.All(nodes, n => Assert.True(n["withInspection"]!.GetValue<bool>()));
        Assert.Contains("o3 o2", fixture.Names(everything));
        Assert.Equal(nodes.Count, everything["totalCount"]!.GetValue<int>());

        Assert.Equal(("o3 o2", 2), await ListAsync(token, new { sellerId = fixture.Seller.Id }));
        Assert.Equal(("o3 o2", 2), await ListAsync(token, new { sellerId = fixture.Seller.Id, withInspection = true }));
        Assert.Equal(("o3", 1), await ListAsync(token, new { sellerId = fixture.Seller.Id, status = new[] { "PAID", "COMPLETED" } }));
        // Asking for orders without inspection is asking for nothing an inspector may read.
        Assert.Equal(("", 0), await ListAsync(token, new { withInspection = false }));
    }

    [Fact]
    public async Task Users_are_forbidden_the_order_list_and_no_token_is_unauthenticated()
    {
        var forbidden = await OrdersAsync(fixture.User.Token);
        Assert.Equal(["FORBIDDEN"], forbidden.ErrorCodes);
        Assert.Null(forbidden.Data?["orders"]);
        Assert.Equal(["FORBIDDEN"], (await OrdersAsync(fixture.Seller.Token, new { sellerId = fixture.Seller.Id })).ErrorCodes);
        var anonymous = await Client.PostAsync($"{{ orders {{ {Page} }} }}");
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Null(anonymous.Data?["orders"]);
    }

    [Fact]
    public async Task Sales_are_for_the_seller_themself_operators_and_admins()
    {
        var own = (await SalesAsync(fixture.Seller.Token, fixture.Seller.Id)).Ok()["seller"]!["sales"]!;
        Assert.Equal(("o4 o3 o2 o1", 4), (fixture.Names(own), own["totalCount"]!.GetValue<int>()));
        var completed = (await SalesAsync(fixture.Seller.Token, fixture.Seller.Id, "COMPLETED")).Ok()["seller"]!["sales"]!;
        Assert.Equal(("o1", 1), (fixture.Names(completed), completed["totalCount"]!.GetValue<int>()));
        Assert.Equal("o5", fixture.Names((await SalesAsync(fixture.Seller2.Token, fixture.Seller2.Id)).Ok()["seller"]!["sales"]!));
        Assert.Equal("o4 o3 o2 o1", fixture.Names((await SalesAsync(fixture.Operator.Token, fixture.Seller.Id)).Ok()["seller"]!["sales"]!));
        Assert.Equal("o4 o3 o2 o1", fixture.Names((await SalesAsync(_market.Admin, fixture.Seller.Id)).Ok()["seller"]!["sales"]!));

        // Another seller, the seller's own buyer, an inspector: not theirs to read.
        foreach (var token in new[] { fixture.Seller2.Token, fixture.Buyer1.Token, fixture.Inspector.Token })
            Assert.Equal(["FORBIDDEN"], (await SalesAsync(token, fixture.Seller.Id)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Client.PostAsync($"query($id: ID!) {{ seller(id: $id) {{ id sales {{ totalCount }} }} }}", new { id = fixture.Seller.Id })).ErrorCodes);
    }

    [Fact]
    public async Task Purchases_are_for_that_buyer_operators_and_admins()
    {
        var own = (await PurchasesAsync(fixture.Buyer1.Token, fixture.Buyer1.Id)).Ok()["buyer"]!["purchases"]!;
        Assert.Equal(("o5 o3 o1", 3), (fixture.Names(own), own["totalCount"]!.GetValue<int>()));
        var awaiting = (await PurchasesAsync(fixture.Buyer1.Token, fixture.Buyer1.Id, "AWAITING_PAYMENT")).Ok()["buyer"]!["purchases"]!;
        Assert.Equal(("o5", 1), (fixture.Names(awaiting), awaiting["totalCount"]!.GetValue<int>()));
        Assert.Equal("o4 o2", fixture.Names((await PurchasesAsync(fixture.Operator.Token, fixture.Buyer2.Id)).Ok()["buyer"]!["purchases"]!));
        Assert.Equal("o5 o3 o1", fixture.Names((await PurchasesAsync(_market.Admin, fixture.Buyer1.Id)).Ok()["buyer"]!["purchases"]!));
        var viewer = (await Client.PostAsync($"{{ viewer {{ asBuyer {{ purchases {{ {Page} }} }} }} }}", token: fixture.Buyer2.Token)).Ok()["viewer"]!["asBuyer"]!["purchases"]!;
        Assert.Equal("o4 o2", fixture.Names(viewer));

        foreach (var token in new[] { fixture.Buyer2.Token, fixture.Seller.Token, fixture.Inspector.Token })
            Assert.Equal(["FORBIDDEN"], (await PurchasesAsync(token, fixture.Buyer1.Id)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await PurchasesAsync(null, fixture.Buyer1.Id)).ErrorCodes);
    }

    [Fact]
    public async Task A_status_change_reaches_every_list_it_belongs_to_within_two_seconds()
    {
        // Its own seller, buyer, category and region: the fixture's lists stay as the other tests expect them.
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await WithinTwoSecondsAsync(deal, orderId, "AWAITING_PAYMENT");

        await _market.PaidOrderAsync(deal, orderId);
        await WithinTwoSecondsAsync(deal, orderId, "PAID");
        Assert.Equal(("", 0), await ListAsync(_market.Admin, new { sellerId = deal.Seller.Id, status = new[] { "AWAITING_PAYMENT" } }));
    }

    /// <summary>
    /// The contract's bound, asked right after the mutation answered: the order is first in the operator's list
    /// filtered by its status, in its seller's sales and in its buyer's purchases, with that status.
    /// </summary>
    private async Task WithinTwoSecondsAsync(Deal deal, string orderId, string status)
    {
        async Task<string> FirstOfEachAsync()
        {
            var lists = new[]
            {
                (await OrdersAsync(_market.Admin, new { status = new[] { status } })).Ok()["orders"]!,
                (await SalesAsync(deal.Seller.Token, deal.Seller.Id)).Ok()["seller"]!["sales"]!,
                (await PurchasesAsync(deal.Buyer.Token, deal.Buyer.Id)).Ok()["buyer"]!["purchases"]!,
            };
            return string.Join(" ", lists.Select(l => l["edges"]!.AsArray().FirstOrDefault()?["node"] is { } n ? $"{n["id"]!.GetValue<string>()}:{n["status"]!.GetValue<string>()}" : "-"));
        }
        var expected = string.Join(' ', Enumerable.Repeat($"{orderId}:{status}", 3));
        await Eventually.MatchAsync(FirstOfEachAsync, lists => lists == expected, $"order {orderId} as {status} in every list", TimeSpan.FromSeconds(2));
    }
}
