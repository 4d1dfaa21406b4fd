using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.OrderLists;

/// <summary>
/// A gateway of its own (so Query.orders over everything holds only this class's orders) with five orders
/// placed in order o1..o5 (lists show o5 first), in known states:
/// <code>
///   order  seller  buyer  category       region  inspection  status
///   o1     S       B1     Child (of P)   R1      no          COMPLETED
///   o2     S       B2     Child          R1      yes         AWAITING_PAYMENT
///   o3     S       B1     Child          R2      yes         PAID
///   o4     S       B2     Other          R2      no          CANCELLED (by the buyer)
///   o5     S2      B1     Other          R1      no          AWAITING_PAYMENT
/// </code>
/// </summary>
public sealed class OrderListFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;
    public Market Market { get; private set; } = null!;
    public (string Id, string Token) Seller, Seller2, Buyer1, Buyer2, Operator, Inspector, User;
    public string Parent = "", Child = "", Other = "", Region1 = "", Region2 = "";
    public string[] Orders = new string[6]; // Orders[1..5]

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync();
        Market = new Market(Host);
        Seller = await Market.CreateUserAsync("seller");
        Seller2 = await Market.CreateUserAsync("seller2");
        Buyer1 = await Market.CreateUserAsync("buyer1");
        Buyer2 = await Market.CreateUserAsync("buyer2");
        User = await Market.CreateUserAsync("user");
        Operator = await Market.CreateUserWithRoleAsync("OPERATOR");
        Inspector = await Market.CreateUserWithRoleAsync("INSPECTOR");
        Parent = await Market.CreateCategoryAsync();
        Child = await Market.CreateCategoryAsync(parentId: Parent);
        Other = await Market.CreateCategoryAsync();
        Region1 = await Market.CreateRegionAsync();
        Region2 = await Market.CreateRegionAsync();

        Orders[1] = await PlaceAsync(Seller, Buyer1, Child, Region1, withInspection: false);
        Orders[2] = await PlaceAsync(Seller, Buyer2, Child, Region1, withInspection: true);
        Orders[3] = await PlaceAsync(Seller, Buyer1, Child, Region2, withInspection: true);
        Orders[4] = await PlaceAsync(Seller, Buyer2, Other, Region2, withInspection: false);
        Orders[5] = await PlaceAsync(Seller2, Buyer1, Other, Region1, withInspection: false);

        await MutateAsync("payOrder", Buyer1.Token, new { orderId = Orders[1], idempotencyKey = "pay-1" });
        await MutateAsync("shipOrder", Seller.Token, new { orderId = Orders[1], trackingNumber = "SF1" });
        await MutateAsync("markDelivered", Market.Admin, new { orderId = Orders[1] });
        await MutateAsync("confirmReceipt", Buyer1.Token, new { orderId = Orders[1] });
        await MutateAsync("payOrder", Buyer1.Token, new { orderId = Orders[3], idempotencyKey = "pay-3" });
        await MutateAsync("cancelOrder", Buyer2.Token, new { orderId = Orders[4], reason = "changed my mind" });

        // The lists follow the order events: wait until they show every order's last status.
        await Eventually.MatchAsync(() => StatusesAsync(), s => s == "o5:AWAITING_PAYMENT o4:CANCELLED o3:PAID o2:AWAITING_PAYMENT o1:COMPLETED",
            "the order lists to show the fixture's orders");
    }

    private async Task<string> StatusesAsync()
    {
        var nodes = (await Host.Client.PostAsync("{ orders(first: 100) { nodes { id status } } }", token: Market.Admin)).Ok()["orders"]!["nodes"]!.AsArray();
        return string.Join(' ', nodes.Select(n => $"{Name(n!["id"]!.GetValue<string>())}:{n["status"]!.GetValue<string>()}"));
    }

    /// <summary>"o1".."o5" for the fixture's orders, the id itself for any other.</summary>
    public string Name(string orderId)
    {
        var index = Array.IndexOf(Orders, orderId);
        return index > 0 ? "o" + index : orderId;
    }

    public string Names(JsonNode connection) =>
        string.Join(' ', connection["edges"]!.AsArray().Select(e => Name(e!["node"]!["id"]!.GetValue<string>())));

    private async Task<string> PlaceAsync((string Id, string Token) seller, (string Id, string Token) buyer, string category, string region, bool withInspection)
    {
        var itemId = await Market.ListItemAsync(seller.Token, category, region);
        var order = (await Market.PlaceOrderAsync(buyer.Token, itemId, withInspection)).Payload("placeOrder", "order");
        return order["id"]!.GetValue<string>();
    }

    private async Task MutateAsync(string mutation, string token, object input) =>
        (await Market.OrderMutationAsync(mutation, token, input)).Payload(mutation, "order");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
