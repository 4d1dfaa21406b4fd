using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Marketplace.Grains.Interfaces.Orders;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Marketplace.Cluster.Tests.Gateway;

/// <summary>
/// PostgreSQL, three Orleans silo processes and two gateway processes in Cluster mode (Orleans clients) on
/// loopback, driven only through GraphQL. Subscriptions do not poll, so gateway 0's subscriptions hear changes
/// made through gateway 1 only through the silos' durable Orleans streams on PostgreSQL. (An Orleans client in
/// the test process only asks which silo hosts the order, to kill that one.)
/// </summary>
public sealed class GatewayClusterTests(ITestOutputHelper output)
{
    private const string OrderFields = "id status price history { status } ledger { kind amount } item { id status }";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gateways_as_cluster_clients_serve_orders_stream_subscriptions_across_gateways_and_survive_kill_9_of_a_silo()
    {
        var clock = Stopwatch.StartNew();
        void Phase(string done) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {done}");
        await using var cluster = await LoopbackCluster.StartAsync(silos: 3, typeof(CounterGrain).Assembly);
        Phase("PostgreSQL and 3 silos ready");
        var admin = "admin-" + Guid.NewGuid().ToString("N");
        await Task.WhenAll(
            cluster.StartGatewayAsync(0, $"--Auth:AdminToken={admin}"),
            cluster.StartGatewayAsync(1, $"--Auth:AdminToken={admin}"));
        Phase("2 gateways ready");
        using var reader = new GraphQLHttp(cluster.GatewayUri(0));
        using var writer = new GraphQLHttp(cluster.GatewayUri(1));
        var run = Guid.NewGuid().ToString("N")[..8];

        // Users, catalog and an item, all through gateway 1.
        var (sellerId, sellerToken) = await CreateUserAsync(writer, "seller");
        var (_, buyerToken) = await CreateUserAsync(writer, "buyer");
        var categoryId = "cat-" + run;
        var regionId = "reg-" + run;
        await writer.OkAsync("mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } errors { code } } }",
            new { i = new { id = categoryId, name = "Cameras " + run } }, admin);
        await writer.OkAsync("mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } errors { code } } }",
            new { i = new { id = regionId, name = "North " + run } }, admin);
        var itemId = (await writer.OkAsync("mutation($i: ListItemInput!) { listItem(input: $i) { item { id } errors { code } } }",
            new { i = new { title = "Camera " + run, categoryId, regionId, claimedGrade = "EXCELLENT", price = "100.00" } }, sellerToken))["listItem"]!["item"]!["id"]!.GetValue<string>();

        // The listing projection (written by the silos, read by gateway 0 from PostgreSQL).
        await Eventually.True(async () => (await ListedIdsAsync(reader, categoryId)).Contains(itemId), "the listing reached the projection read by the other gateway");
        Phase("listing visible through gateway 0");

        // itemPriceChanged on gateway 0 sees price changes made through gateway 1.
        await using var socket = await GraphQLWebSocket.ConnectAsync(cluster.GatewayUri(0), buyerToken);
        var prices = await socket.SubscribeAsync("subscription($id: ID!) { itemPriceChanged(itemId: $id) { id price } }", new { id = itemId });
        var heard = await ChangePriceUntilHeardAsync(writer, sellerToken, itemId, prices);
        Phase($"itemPriceChanged on gateway 0 heard the change to {heard} made through gateway 1");

        // An order placed and paid through gateway 1, followed on gateway 0.
        var orderId = (await writer.OkAsync($"mutation($i: PlaceOrderInput!) {{ placeOrder(input: $i) {{ order {{ {OrderFields} }} errors {{ code }} }} }}",
            new { i = new { itemId, idempotencyKey = "place-" + run } }, buyerToken))["placeOrder"]!["order"]!["id"]!.GetValue<string>();
        var statuses = await socket.SubscribeAsync("subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status } }", new { id = orderId });
        // No acknowledgement of a subscribe exists in the protocol: give the gateway time to open the feed.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await writer.OkAsync($"mutation($i: PayOrderInput!) {{ payOrder(input: $i) {{ order {{ {OrderFields} }} errors {{ code }} }} }}",
            new { i = new { orderId, idempotencyKey = "pay-" + run } }, buyerToken);
        Assert.Equal("PAID", await NextStatusAsync(statuses));
        Phase("orderStatusChanged PAID heard on gateway 0");

        var order = await ReadOrderAsync(reader, orderId, buyerToken);
        Assert.Equal("PAID", order["status"]!.GetValue<string>());
        Assert.Equal(["AWAITING_PAYMENT", "PAID"], order["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(heard, decimal.Parse(order["price"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Contains(order["ledger"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "HOLD");
        Assert.Equal("RESERVED", order["item"]!["status"]!.GetValue<string>());

        // kill -9 the silo that hosts the order: both gateways serve it again.
        var client = await cluster.CreateClientAsync();
        var owner = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<IOrderGrain>(orderId))
            ?? throw new InvalidOperationException("The order has no activation.");
        var victim = cluster.SiloIndex(owner);
        await cluster.KillSiloAsync(victim);
        var killedAt = Stopwatch.GetTimestamp();
        await Task.WhenAll(ServedAgainAsync(0), ServedAgainAsync(1));
        Phase("the order served again by both gateways");

        async Task ServedAgainAsync(int index)
        {
            // A request caught on the dead silo waits for Orleans' response timeout: ask again every few seconds
            // with fresh requests, as a front end would, to see when the gateway serves the order again.
            using var impatient = new GraphQLHttp(cluster.GatewayUri(index), TimeSpan.FromSeconds(3));
            var served = await Eventually.Succeeds(() => ReadOrderAsync(impatient, orderId, buyerToken), TimeSpan.FromSeconds(60));
            var elapsed = Stopwatch.GetElapsedTime(killedAt);
            output.WriteLine($"kill -9 of silo {victim} (the order's) to gateway {index} serving the order again: {elapsed.TotalSeconds:F2} s");
            Assert.True(elapsed <= MultiProcessTests.RecoveryBound, $"gateway {index} took {elapsed.TotalSeconds:F1} s to serve the order again after kill -9");
            Assert.Equal("PAID", served["status"]!.GetValue<string>());
            Assert.Equal(["AWAITING_PAYMENT", "PAID"], served["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        }

        // After the failover the subscription still hears changes made through the other gateway.
        await Eventually.Succeeds(() => writer.OkAsync($"mutation($i: ShipOrderInput!) {{ shipOrder(input: $i) {{ order {{ {OrderFields} }} errors {{ code }} }} }}",
            new { i = new { orderId, trackingNumber = "TRK-" + run } }, sellerToken), TimeSpan.FromSeconds(60));
        Assert.Equal("SHIPPED", await NextStatusAsync(statuses));
        Phase("orderStatusChanged SHIPPED heard on gateway 0 after the failover");

        // The rest of the flow, alternating gateways: delivered (the carrier's feed, an operator), then confirmed by the buyer.
        await reader.OkAsync($"mutation($i: OrderIdInput!) {{ markDelivered(input: $i) {{ order {{ {OrderFields} }} errors {{ code }} }} }}",
            new { i = new { orderId } }, admin);
        Assert.Equal("DELIVERED", await NextStatusAsync(statuses));
        await writer.OkAsync($"mutation($i: OrderIdInput!) {{ confirmReceipt(input: $i) {{ order {{ {OrderFields} }} errors {{ code }} }} }}",
            new { i = new { orderId } }, buyerToken);
        Assert.Equal("COMPLETED", await NextStatusAsync(statuses));
        Phase("delivered and completed");
        var completed = await ReadOrderAsync(reader, orderId, buyerToken);
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED", "COMPLETED"], completed["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal("SOLD", completed["item"]!["status"]!.GetValue<string>());
        Assert.Contains(completed["ledger"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "RELEASE");
        Assert.NotNull(sellerId);
    }

    private static async Task<(string Id, string Token)> CreateUserAsync(GraphQLHttp gateway, string name)
    {
        var payload = (await gateway.OkAsync("mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } token errors { code } } }",
            new { i = new { displayName = name } }))["createUser"]!;
        return (payload["user"]!["id"]!.GetValue<string>(), payload["token"]!.GetValue<string>());
    }

    private static async Task<string[]> ListedIdsAsync(GraphQLHttp gateway, string categoryId) =>
        (await gateway.OkAsync("query($c: ID) { items(filter: { categoryId: $c }) { nodes { id } } }", new { c = categoryId }))["items"]!["nodes"]!
            .AsArray().Select(n => n!["id"]!.GetValue<string>()).ToArray();

    private static async Task<JsonNode> ReadOrderAsync(GraphQLHttp gateway, string orderId, string token) =>
        (await gateway.OkAsync($"query($id: ID!) {{ order(id: $id) {{ {OrderFields} }} }}", new { id = orderId }, token))["order"]!;

    /// <summary>
    /// Changes the price until the subscription delivers (the protocol does not say when a subscription is
    /// live, so the first changes may come too early); answers the price it heard.
    /// </summary>
    private static async Task<decimal> ChangePriceUntilHeardAsync(GraphQLHttp gateway, string sellerToken, string itemId, ChannelReader<JsonNode> prices)
    {
        for (var attempt = 1; attempt <= 15; attempt++)
        {
            var price = 100m + attempt;
            await gateway.OkAsync("mutation($i: ChangePriceInput!) { changePrice(input: $i) { item { id price } errors { code } } }",
                new { i = new { itemId, price = price.ToString("0.00", CultureInfo.InvariantCulture) } }, sellerToken);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var next = await prices.ReadAsync(wait.Token);
                Assert.Null(next["errors"]);
                var heard = decimal.Parse(next["data"]!["itemPriceChanged"]!["price"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                Assert.InRange(heard, 101m, price);
                // Later changes may still be in flight: wait for the one just made.
                while (heard != price)
                {
                    using var more = new CancellationTokenSource(EventTimeout);
                    heard = decimal.Parse((await prices.ReadAsync(more.Token))["data"]!["itemPriceChanged"]!["price"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                }
                return heard;
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
            }
        }
        throw new Xunit.Sdk.XunitException("itemPriceChanged on gateway 0 never heard a price change made through gateway 1.");
    }

    private static async Task<string> NextStatusAsync(ChannelReader<JsonNode> statuses)
    {
        using var wait = new CancellationTokenSource(EventTimeout);
        var next = await statuses.ReadAsync(wait.Token);
        Assert.True(next["errors"] is null, "subscription errors: " + next.ToJsonString());
        return next["data"]!["orderStatusChanged"]!["status"]!.GetValue<string>();
    }
}
