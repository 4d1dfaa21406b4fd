using System.Text.Json.Nodes;

namespace Marketplace.Gateway.Tests.Support;

/// <summary>Marketplace operations driven only through GraphQL, as a front end would.</summary>
public sealed class Market(GatewayHost host)
{
    public const string OrderFields = """
        id status price fee withInspection deadline rating
        item { id status verifiedGrade soldAt }
        buyer { id } seller { id }
        inspection { status passed verifiedGrade }
        history { status at }
        ledger { kind amount party }
        dispute { reason outcome refundAmount }
        """;

    public GraphQLHttpClient Client => host.Client;
    public string Admin => GatewayHost.AdminToken;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public string Unique(string prefix) => $"{prefix}-{_run}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<(string Id, string Token)> CreateUserAsync(string name = "someone", string? regionId = null)
    {
        var response = await Client.PostAsync("mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } token errors { code } } }",
            new { i = new { displayName = name, regionId } });
        var payload = response.Ok()["createUser"]!;
        return (payload["user"]!["id"]!.GetValue<string>(), payload["token"]!.GetValue<string>());
    }

    public async Task<(string Id, string Token)> CreateUserWithRoleAsync(string role)
    {
        var user = await CreateUserAsync(role.ToLowerInvariant());
        (await Client.PostAsync("mutation($i: GrantRoleInput!) { grantRole(input: $i) { user { roles } errors { code } } }",
            new { i = new { userId = user.Id, role } }, Admin)).Payload("grantRole", "user");
        return user;
    }

    public async Task<string> CreateCategoryAsync(string? parentId = null, decimal[]? bounds = null, bool highValue = false)
    {
        var id = Unique("cat");
        (await Client.PostAsync("mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } errors { code message } } }",
            new { i = new { id, name = "Category " + id, parentId, highValue, priceBandBounds = bounds?.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() } }, Admin))
            .Payload("createCategory", "category");
        return id;
    }

    public async Task<string> CreateRegionAsync()
    {
        var id = Unique("reg");
        (await Client.PostAsync("mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } errors { code } } }",
            new { i = new { id, name = "Region " + id } }, Admin)).Payload("createRegion", "region");
        return id;
    }

    public async Task<string> ListItemAsync(string sellerToken, string categoryId, string regionId, string price = "100.00", string grade = "EXCELLENT")
    {
        var item = (await Client.PostAsync("mutation($i: ListItemInput!) { listItem(input: $i) { item { id status } errors { code message } } }",
            new { i = new { title = "Thing " + Unique("t"), categoryId, regionId, claimedGrade = grade, price } }, sellerToken)).Payload("listItem", "item");
        return item["id"]!.GetValue<string>();
    }

    public Task<GraphQLResponse> PlaceOrderAsync(string buyerToken, string itemId, bool withInspection = false, string? idempotencyKey = null) =>
        Client.PostAsync($"mutation($i: PlaceOrderInput!) {{ placeOrder(input: $i) {{ order {{ {OrderFields} }} errors {{ code message }} }} }}",
            new { i = new { itemId, withInspection, idempotencyKey } }, buyerToken);

    public Task<GraphQLResponse> OrderMutationAsync(string mutation, string token, object input) =>
        Client.PostAsync($"mutation($i: {InputType(mutation)}!) {{ {mutation}(input: $i) {{ order {{ {OrderFields} }} errors {{ code message field }} }} }}",
            new { i = input }, token);

    public async Task<JsonNode> OrderAsync(string orderId, string token) =>
        (await Client.PostAsync($"query($id: ID!) {{ order(id: $id) {{ {OrderFields} }} }}", new { id = orderId }, token)).Ok()["order"]!;

    public async Task<JsonNode> ItemAsync(string itemId) =>
        (await Client.PostAsync("query($id: ID!) { item(id: $id) { id status price verifiedGrade soldAt priceHistory { price reason } } }", new { id = itemId })).Ok()["item"]!;

    private static string InputType(string mutation) => mutation switch
    {
        "payOrder" => "PayOrderInput",
        "shipOrder" => "ShipOrderInput",
        "submitInspectionReport" => "InspectionReportInput",
        "cancelOrder" => "CancelOrderInput",
        "openDispute" => "OpenDisputeInput",
        "resolveDispute" => "ResolveDisputeInput",
        "rateSeller" => "RateSellerInput",
        _ => "OrderIdInput",
    };

    /// <summary>A fresh seller, buyer, category and region with one LISTED item.</summary>
    public async Task<Deal> NewDealAsync(string price = "100.00", bool highValue = false)
    {
        var seller = await CreateUserAsync("seller");
        var buyer = await CreateUserAsync("buyer");
        var category = await CreateCategoryAsync(highValue: highValue);
        var region = await CreateRegionAsync();
        var item = await ListItemAsync(seller.Token, category, region, price);
        return new Deal(seller, buyer, category, region, item, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<string> PlacedOrderAsync(Deal deal, bool withInspection = false)
    {
        var order = (await PlaceOrderAsync(deal.Buyer.Token, deal.ItemId, withInspection)).Payload("placeOrder", "order");
        return order["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> PaidOrderAsync(Deal deal, string orderId) =>
        (await OrderMutationAsync("payOrder", deal.Buyer.Token, new { orderId, idempotencyKey = "pay-" + orderId })).Payload("payOrder", "order");
}

public sealed record Deal((string Id, string Token) Seller, (string Id, string Token) Buyer, string CategoryId, string RegionId, string ItemId, decimal Price);
