using System.Diagnostics;
using System.Globalization;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Bench;

/// <summary>
/// --orders N: order lists with N orders in the projection, as requests per second and as a ratio to the
/// `item` query measured in the same run, same gateway, load generator and connections (alternating slots).
/// A few hundred real orders go through the order grains (placed, some paid and cancelled) and reach the
/// lists through their market events; the rest are projection rows written directly to the order-list store
/// and index (what the router would write), since placing 100,000 orders through grains would take the
/// better part of an hour on this machine. The measured queries read only fields the rows hold.
/// </summary>
internal static class OrderListBench
{
    private const int RealOrders = 300;
    private const int Sellers = 1000;
    private const int Buyers = 5000;
    private static readonly string[] Categories = ["phones", "laptops", "cameras", "bags", "books"];

    // Statuses of the written rows, in roughly a live market's proportions (most orders end completed).
    private static readonly OrderStatus[] StatusMix =
    [
        OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.COMPLETED,
        OrderStatus.COMPLETED, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PAID, OrderStatus.AWAITING_PAYMENT,
        OrderStatus.CANCELLED, OrderStatus.REFUNDED,
    ];

    public static async Task RunAsync(IServiceProvider services, IClusterClient grains, Uri endpoint, BenchArguments options, string adminToken, string itemBody)
    {
        var orders = options.Orders;
        var items = RealOrders + 1000;
        Console.WriteLine($"order lists: loading {items:N0} items and {Sellers:N0} sellers through grains, {RealOrders} real orders through order grains");
        var load = Stopwatch.StartNew();
        await PeerDataSet.LoadAsync(grains, items, Sellers);
        await PlaceRealOrdersAsync(grains);
        Console.WriteLine($"  real orders placed in {load.Elapsed.TotalSeconds:F1} s");

        var written = orders - RealOrders;
        Console.WriteLine($"  writing {written:N0} projection rows DIRECTLY to the order-list store and index ({options.Storage}), not through order grains");
        var store = services.GetRequiredService<IOrderListStore>();
        var index = grains.GetGrain<IOrderListIndexGrain>(IOrderListIndexGrain.All);
        var write = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow.AddDays(-90);
        await Parallel.ForEachAsync(Enumerable.Range(0, written), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, _) =>
        {
            var category = Categories[n % Categories.Length];
            var row = new OrderListRow($"bench-o{n}", 1 + n % 5, StatusMix[n % StatusMix.Length], $"bench-b{n % Buyers}", $"s{n % Sellers}",
                $"bench-i{n}", category, [category], "r0", n % 4 == 0, 100m + n % 5000, start.AddSeconds(n * 60.0), start.AddSeconds(n * 60.0 + 30));
            await store.UpsertAsync(row);
            await index.ApplyAsync(row);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {written:N0} rows written in {write.Elapsed.TotalSeconds:F1} s ({written / write.Elapsed.TotalSeconds:F0} rows/s)"));

        // The real orders reach the lists through their events: wait until the index holds all of them.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        int total;
        while ((total = (await index.QueryAsync(new OrderListQuery(First: 1))).TotalCount) < orders)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The order lists hold {total:N0} orders, not {orders:N0}.");
            await Task.Delay(500);
        }
        Console.WriteLine($"  order lists hold {total:N0} orders");

        var queries = new (string Name, string Body, string? Token)[]
        {
            ("item", itemBody, null),
            ("orders(first:20)", Body("{ orders(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status price withInspection seller { id } } } } }"), adminToken),
            ("orders(status:[COMPLETED])", Body("{ orders(filter: {status: [COMPLETED]}, first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status price withInspection seller { id } } } } }"), adminToken),
            ("Seller.sales", Body("{ seller(id: \"s42\") { sales(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status price withInspection } } } } }"), adminToken),
        };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var generator = new LoadGenerator(http, options.Workers);
        foreach (var (_, body, token) in queries) await generator.RunAsync(endpoint, body, TimeSpan.FromSeconds(2), token); // warm-up

        var rates = new double[queries.Length];
        var slot = TimeSpan.FromSeconds(options.Seconds);
        for (var round = 0; round < options.Rounds; round++)
        {
            var line = new List<string>();
            for (var q = 0; q < queries.Length; q++)
            {
                var rate = await generator.RunAsync(endpoint, queries[q].Body, slot, queries[q].Token);
                rates[q] += rate;
                line.Add($"{queries[q].Name} {rate:F0}");
            }
            Console.WriteLine($"  round {round + 1}: " + string.Join(", ", line) + " req/s");
        }
        var item = rates[0] / options.Rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"item: {item:F0} req/s ({options.Workers} connections, {options.Rounds} rounds of {options.Seconds} s)"));
        for (var q = 1; q < queries.Length; q++)
        {
            var rate = rates[q] / options.Rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{queries[q].Name} with {orders:N0} orders: {rate:F0} req/s, ratio to item {rate / item:F2}"));
        }
    }

    private static string Body(string query) => System.Text.Json.JsonSerializer.Serialize(new { query });

    /// <summary>Real orders on items i1000.. (i42, the item query's, stays LISTED): every third paid, every seventh cancelled.</summary>
    private static async Task PlaceRealOrdersAsync(IClusterClient grains)
    {
        var admin = CallerContext.Admin();
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, _) =>
        {
            var created = await grains.GetGrain<IUserGrain>($"bench-buyer{b}").CreateAsync($"buyer {b}", "r0");
            if (created.Error is { } error && error.Code != ErrorCodes.AlreadyExists) throw new InvalidOperationException(error.Message);
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, RealOrders), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
        {
            var buyer = CallerContext.User($"bench-buyer{n % 50}");
            var orderId = OrderIds.ForPlacement(buyer.UserId!, $"bench-{n}");
            var order = grains.GetGrain<IOrderGrain>(orderId);
            Unwrap(await order.PlaceAsync(new PlaceOrder($"i{1000 + n}", WithInspection: n % 5 == 0, IdempotencyKey: $"bench-{n}"), buyer));
            if (n % 3 == 0) Unwrap(await order.PayAsync($"pay-{n}", buyer));
            else if (n % 7 == 0) Unwrap(await order.CancelAsync("bench", buyer));
        });
    }

    private static void Unwrap<T>(Result<T> result)
    {
        if (result.Error is { } error) throw new InvalidOperationException($"A real order failed: {error.Code} {error.Message}");
    }
}
