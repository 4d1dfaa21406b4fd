using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Auth;

/// <summary>Each row of the contract's authorization table: refused callers get UNAUTHENTICATED / FORBIDDEN, a null field and no change.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    private static void AssertRefused(GraphQLResponse response, string field, string code)
    {
        Assert.Contains(code, response.ErrorCodes);
        Assert.True(response.Data is null || response.Data[field] is null, "field should be null: " + response.Raw);
    }

    [Fact]
    public async Task Anyone_may_create_users_record_views_and_read_public_data()
    {
        var deal = await _market.NewDealAsync();
        var view = await _market.Client.PostAsync("mutation($i: ItemIdInput!) { recordView(input: $i) { item { views } errors { code } } }", new { i = new { itemId = deal.ItemId } });
        Assert.Equal(1, view.Payload("recordView", "item")["views"]!.GetValue<int>());
        var read = await _market.Client.PostAsync("query($id: ID!, $c: ID!) { item(id: $id) { title seller { displayName creditScore level } } category(id: $c) { name } categories { id } regions { id } priceSuggestion(categoryId: $c, grade: GOOD) { sampleSize } }",
            new { id = deal.ItemId, c = deal.CategoryId });
        read.Ok();
    }

    [Fact]
    public async Task User_only_mutations_need_a_token()
    {
        var deal = await _market.NewDealAsync();
        AssertRefused(await _market.Client.PostAsync("mutation($i: ListItemInput!) { listItem(input: $i) { item { id } } }",
            new { i = new { title = "x", categoryId = deal.CategoryId, regionId = deal.RegionId, claimedGrade = "NEW", price = "1.00" } }), "listItem", "UNAUTHENTICATED");
        AssertRefused(await _market.Client.PostAsync("mutation($i: ItemIdInput!) { favoriteItem(input: $i) { item { id } } }", new { i = new { itemId = deal.ItemId } }), "favoriteItem", "UNAUTHENTICATED");
        AssertRefused(await _market.PlaceOrderAsync("not-a-real-token", deal.ItemId), "placeOrder", "UNAUTHENTICATED");
        Assert.Equal("LISTED", (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_seller_changes_price_delists_and_ships()
    {
        var deal = await _market.NewDealAsync();
        var stranger = await _market.CreateUserAsync("stranger");
        AssertRefused(await _market.Client.PostAsync("mutation($i: ChangePriceInput!) { changePrice(input: $i) { item { id } } }",
            new { i = new { itemId = deal.ItemId, price = "1.00" } }, stranger.Token), "changePrice", "FORBIDDEN");
        AssertRefused(await _market.Client.PostAsync("mutation($i: ItemIdInput!) { delistItem(input: $i) { item { id } } }",
            new { i = new { itemId = deal.ItemId } }, stranger.Token), "delistItem", "FORBIDDEN");
        var item = await _market.ItemAsync(deal.ItemId);
        Assert.Equal("LISTED", item["status"]!.GetValue<string>());
        Assert.Equal("100.00", item["price"]!.GetValue<string>());

        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        AssertRefused(await _market.OrderMutationAsync("shipOrder", deal.Buyer.Token, new { orderId, trackingNumber = "x" }), "shipOrder", "FORBIDDEN");
        Assert.Equal("PAID", Ledger.Status(await _market.OrderAsync(orderId, deal.Buyer.Token)));
    }

    [Fact]
    public async Task Only_the_buyer_pays_confirms_disputes_and_rates_and_strangers_cannot_cancel()
    {
        var deal = await _market.NewDealAsync();
        var stranger = await _market.CreateUserAsync("stranger");
        var orderId = await _market.PlacedOrderAsync(deal);
        AssertRefused(await _market.OrderMutationAsync("payOrder", stranger.Token, new { orderId, idempotencyKey = "k" }), "payOrder", "FORBIDDEN");
        AssertRefused(await _market.OrderMutationAsync("payOrder", deal.Seller.Token, new { orderId, idempotencyKey = "k" }), "payOrder", "FORBIDDEN");
        AssertRefused(await _market.OrderMutationAsync("cancelOrder", stranger.Token, new { orderId }), "cancelOrder", "FORBIDDEN");
        Assert.Equal("AWAITING_PAYMENT", Ledger.Status(await _market.OrderAsync(orderId, deal.Buyer.Token)));

        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "x" })).Payload("shipOrder", "order");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        AssertRefused(await _market.OrderMutationAsync("confirmReceipt", deal.Seller.Token, new { orderId }), "confirmReceipt", "FORBIDDEN");
        AssertRefused(await _market.OrderMutationAsync("openDispute", stranger.Token, new { orderId, reason = "x" }), "openDispute", "FORBIDDEN");
        (await _market.OrderMutationAsync("confirmReceipt", deal.Buyer.Token, new { orderId })).Payload("confirmReceipt", "order");
        AssertRefused(await _market.OrderMutationAsync("rateSeller", deal.Seller.Token, new { orderId, stars = 5 }), "rateSeller", "FORBIDDEN");
        Assert.Null((await _market.OrderAsync(orderId, deal.Buyer.Token))["rating"]);
    }

    [Fact]
    public async Task Inspection_needs_an_inspector_and_operator_work_needs_an_operator()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal, withInspection: true);
        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "x" })).Payload("shipOrder", "order");
        AssertRefused(await _market.OrderMutationAsync("receiveForInspection", deal.Buyer.Token, new { orderId }), "receiveForInspection", "FORBIDDEN");
        AssertRefused(await _market.OrderMutationAsync("receiveForInspection", "", new { orderId }), "receiveForInspection", "UNAUTHENTICATED");
        AssertRefused(await _market.OrderMutationAsync("submitInspectionReport", deal.Seller.Token,
            new { orderId, verifiedGrade = "NEW", authentic = true, matchesDescription = true, accessoriesComplete = true }), "submitInspectionReport", "FORBIDDEN");
        Assert.Equal("SHIPPED_TO_INSPECTION", Ledger.Status(await _market.OrderAsync(orderId, deal.Buyer.Token)));

        var (_, inspector) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        AssertRefused(await _market.OrderMutationAsync("markDelivered", inspector, new { orderId }), "markDelivered", "FORBIDDEN");
        AssertRefused(await _market.OrderMutationAsync("resolveDispute", deal.Buyer.Token, new { orderId, outcome = "REFUND" }), "resolveDispute", "FORBIDDEN");
        AssertRefused(await _market.Client.PostAsync("{ dashboard { stats { sold } } }", token: deal.Buyer.Token), "dashboard", "FORBIDDEN");
        AssertRefused(await _market.Client.PostAsync("{ dashboard { stats { sold } } }"), "dashboard", "UNAUTHENTICATED");
        AssertRefused(await _market.Client.PostAsync("mutation { createCategory(input: {id: \"x-forbidden\", name: \"X\"}) { category { id } } }", token: deal.Buyer.Token), "createCategory", "FORBIDDEN");
        AssertRefused(await _market.Client.PostAsync("mutation { createRegion(input: {id: \"x-forbidden\", name: \"X\"}) { region { id } } }", token: inspector), "createRegion", "FORBIDDEN");
        Assert.Null((await _market.Client.PostAsync("{ category(id: \"x-forbidden\") { id } }")).Ok()["category"]);

        var (_, operatorToken) = await _market.CreateUserWithRoleAsync("OPERATOR");
        (await _market.Client.PostAsync("{ dashboard { stats { sold } } }", token: operatorToken)).Ok();
    }

    [Fact]
    public async Task Orders_buyers_and_viewer_are_visible_to_their_owners_and_operators_only()
    {
        var deal = await _market.NewDealAsync();
        var stranger = await _market.CreateUserAsync("stranger");
        var orderId = await _market.PlacedOrderAsync(deal);
        const string orderQuery = "query($id: ID!) { order(id: $id) { id } }";
        AssertRefused(await _market.Client.PostAsync(orderQuery, new { id = orderId }, stranger.Token), "order", "FORBIDDEN");
        AssertRefused(await _market.Client.PostAsync(orderQuery, new { id = orderId }), "order", "UNAUTHENTICATED");
        (await _market.Client.PostAsync(orderQuery, new { id = orderId }, deal.Seller.Token)).Ok();
        (await _market.Client.PostAsync(orderQuery, new { id = orderId }, _market.Admin)).Ok();

        const string buyerQuery = "query($id: ID!) { buyer(id: $id) { id orders } }";
        AssertRefused(await _market.Client.PostAsync(buyerQuery, new { id = deal.Buyer.Id }, stranger.Token), "buyer", "FORBIDDEN");
        Assert.Equal(1, (await _market.Client.PostAsync(buyerQuery, new { id = deal.Buyer.Id }, deal.Buyer.Token)).Ok()["buyer"]!["orders"]!.GetValue<int>());

        AssertRefused(await _market.Client.PostAsync("{ viewer { id } }"), "viewer", "UNAUTHENTICATED");
        Assert.Equal(stranger.Id, (await _market.Client.PostAsync("{ viewer { id roles } }", token: stranger.Token)).Ok()["viewer"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credit_factors_are_for_the_seller_and_operators_and_grant_role_for_admins()
    {
        var deal = await _market.NewDealAsync();
        const string query = "query($id: ID!) { seller(id: $id) { creditScore creditFactors { name contribution } } }";
        AssertRefused(await _market.Client.PostAsync(query, new { id = deal.Seller.Id }, deal.Buyer.Token), "seller", "FORBIDDEN");
        var own = (await _market.Client.PostAsync(query, new { id = deal.Seller.Id }, deal.Seller.Token)).Ok()["seller"]!;
        Assert.Equal(own["creditScore"]!.GetValue<int>() - 600, own["creditFactors"]!.AsArray().Sum(f => f!["contribution"]!.GetValue<int>()));

        var (_, operatorToken) = await _market.CreateUserWithRoleAsync("OPERATOR");
        (await _market.Client.PostAsync(query, new { id = deal.Seller.Id }, operatorToken)).Ok();
        var grant = await _market.Client.PostAsync("mutation($i: GrantRoleInput!) { grantRole(input: $i) { user { roles } } }",
            new { i = new { userId = deal.Buyer.Id, role = "ADMIN" } }, operatorToken);
        AssertRefused(grant, "grantRole", "FORBIDDEN");
        var roles = (await _market.Client.PostAsync("{ viewer { roles } }", token: deal.Buyer.Token)).Ok()["viewer"]!["roles"]!.AsArray();
        Assert.DoesNotContain(roles, r => r!.GetValue<string>() == "ADMIN");
    }
}
