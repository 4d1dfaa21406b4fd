using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Cluster.Tests;

namespace Marketplace.Load;

/// <summary>
/// After the traffic: every acknowledged write is there exactly once, read back through GraphQL as admin.
/// Orders are looked up by the id the gateway derives from (buyer, idempotency key), so orders whose placeOrder was
/// never answered are found too; the figures are compared with what the orders' states imply.
/// </summary>
public sealed class WriteChecks(GraphQLHttp http, string adminToken, WriteJournal journal, MarketUser[] users, TimeSpan settle)
{
    private const int Batch = 20;
    private readonly List<(string Name, bool Passed, string Detail)> _results = [];

    /// <summary>Runs every check, prints each, and answers whether all passed.</summary>
    public async Task<bool> RunAsync()
    {
        var tracks = journal.Orders;
        var orders = await ReadAsync(tracks.Select(t => t.OrderId).Distinct().ToArray(), "order", Documents.CheckedOrderFields);
        var existing = orders.Where(o => o.Value is not null).ToDictionary(o => o.Key, o => o.Value!);

        var acknowledged = tracks.Where(t => t.Acknowledged is not null).ToArray();
        Check("acknowledged orders exist with the acknowledged or a later status",
            acknowledged.Where(t => !existing.TryGetValue(t.OrderId, out var o) || OrderStatuses.Rank(Status(o)) < OrderStatuses.Rank(t.Acknowledged!))
                .Select(t => $"{t.OrderId} acknowledged {t.Acknowledged}, found {(existing.TryGetValue(t.OrderId, out var o) ? Status(o) : "nothing")}"),
            $"{acknowledged.Length:N0} acknowledged orders ({tracks.Count - acknowledged.Length:N0} placeOrder keys without an acknowledgement, " +
            $"{tracks.Count(t => t.Acknowledged is null && existing.ContainsKey(t.OrderId)):N0} of them exist nonetheless)");

        Check("each order belongs to its buyer and item, and entered each status once",
            existing.Values.Where(o => tracks.First(t => t.OrderId == Id(o)) is var t && (o["buyer"]!["id"]!.GetValue<string>() != t.BuyerId
                    || o["item"]!["id"]!.GetValue<string>() != t.ItemId || Statuses(o).Distinct().Count() != Statuses(o).Count))
                .Select(o => $"{Id(o)}: history {string.Join(",", Statuses(o))}"),
            $"{existing.Count:N0} orders read back");

        var paid = existing.Values.Where(o => Statuses(o).Contains("PAID")).ToArray();
        Check("each paid order has exactly one HOLD, of its price",
            paid.Where(o => Ledger(o, "HOLD") is var holds && (holds.Count != 1 || holds[0] != Price(o)))
                .Select(o => $"{Id(o)}: HOLD {string.Join(" + ", Ledger(o, "HOLD"))} for price {Price(o)}"),
            $"{paid.Length:N0} paid orders");

        Check("ledgers balance: HOLD = RELEASE + FEE + REFUND at a terminal status, ≤ before it",
            existing.Values.Where(o => Paid(o) is var paidOut && Sum(o, "HOLD") is var held && (Terminal(o) ? paidOut != held : paidOut > held))
                .Select(o => $"{Id(o)} {Status(o)}: HOLD {Sum(o, "HOLD")}, RELEASE + FEE + REFUND {Paid(o)}"),
            $"{existing.Values.Count(Terminal):N0} terminal (COMPLETED) orders, {existing.Values.Count(o => !Terminal(o)):N0} open");

        var listed = journal.ListedItems;
        var items = await ReadAsync(listed, "item", "id");
        Check("every acknowledged listItem is readable", items.Where(i => i.Value is null).Select(i => i.Key), $"{listed.Count:N0} acknowledged listings");

        await EventuallyAsync("each buyer's counters (orders, completedOrders, spend) equal their orders: no second order for a key", () => BuyerCountersAsync(existing));
        await EventuallyAsync("platform figures (dashboard stats ALL_TIME) equal what the orders and listings imply", () => FiguresAsync(existing.Values.ToArray(), listed.Count));

        Console.WriteLine();
        Console.WriteLine("checks:");
        foreach (var (name, passed, detail) in _results) Console.WriteLine($"  {(passed ? "PASS" : "FAIL")}  {name}: {detail}");
        return _results.All(r => r.Passed);
    }

    private void Check(string name, IEnumerable<string> failures, string detail)
    {
        var failed = failures.ToArray();
        _results.Add((name, failed.Length == 0, failed.Length == 0 ? detail : $"{failed.Length} failed, e.g. {string.Join("; ", failed.Take(5))} ({detail})"));
    }

    /// <summary>Polls a check whose inputs follow streams and projections for up to <c>settle</c>; records its last answer.</summary>
    private async Task EventuallyAsync(string name, Func<Task<(bool Passed, string Detail)>> check)
    {
        var deadline = DateTime.UtcNow + settle;
        var started = DateTime.UtcNow;
        while (true)
        {
            var (passed, detail) = await check();
            if (passed || DateTime.UtcNow > deadline)
            {
                _results.Add((name, passed, $"{detail} (after {(DateTime.UtcNow - started).TotalSeconds:F1} s)"));
                return;
            }
            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// The gateway has no order list per buyer yet (Buyer.purchases is not served), so "one order per idempotency key"
    /// is read from the buyer's counters, which count each order id once: orders placed, completed, and spend.
    /// </summary>
    private async Task<(bool, string)> BuyerCountersAsync(Dictionary<string, JsonNode> existing)
    {
        var byBuyer = existing.Values.GroupBy(o => o["buyer"]!["id"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToArray());
        var buyers = await ReadAsync(users.Select(u => u.Id).ToArray(), "buyer", "orders completedOrders spend");
        var wrong = new List<string>();
        foreach (var (buyerId, buyer) in buyers)
        {
            var orders = byBuyer.GetValueOrDefault(buyerId) ?? [];
            var completed = orders.Where(o => Status(o) == "COMPLETED").ToArray();
            var spend = completed.Sum(Price);
            var (placed, done, spent) = buyer is null ? (0, 0, 0m)
                : (buyer["orders"]!.GetValue<int>(), buyer["completedOrders"]!.GetValue<int>(), decimal.Parse(buyer["spend"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            if (placed != orders.Length || done != completed.Length || spent != spend)
                wrong.Add($"{buyerId}: orders {placed} (expected {orders.Length}), completedOrders {done} (expected {completed.Length}), spend {spent} (expected {spend})");
        }
        return (wrong.Count == 0, wrong.Count == 0 ? $"{buyers.Count} buyers, {existing.Count:N0} orders" : $"{wrong.Count} buyers differ, e.g. {string.Join("; ", wrong.Take(3))}");
    }

    private async Task<(bool, string)> FiguresAsync(JsonNode[] orders, int acknowledgedListings)
    {
        var stats = (await http.OkAsync(Documents.DashboardStats, token: adminToken))["dashboard"]!["stats"]!;
        var completed = orders.Where(o => Status(o) == "COMPLETED").ToArray();
        var sold = stats["sold"]!.GetValue<int>();
        var gmv = decimal.Parse(stats["gmv"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var newListings = stats["newListings"]!.GetValue<int>();
        var active = stats["activeListings"]!.GetValue<int>();
        // No order was refunded, so GMV is the sum of the completed orders' prices. Every item was listed by the run
        // (a fresh store), and an item stops being LISTED exactly when an order holds it.
        var expectedGmv = completed.Sum(Price);
        var holding = orders.Count(o => OrderStatuses.HoldsItem(Status(o)));
        var listingsMax = acknowledgedListings + journal.ListingsUnanswered;
        var passed = sold == completed.Length && gmv == expectedGmv && newListings >= acknowledgedListings && newListings <= listingsMax
            && active == newListings - holding;
        var detail = new StringBuilder()
            .Append($"sold {sold} (expected {completed.Length}), gmv {gmv} (expected {expectedGmv}), ")
            .Append($"newListings {newListings} (expected {acknowledgedListings}{(listingsMax > acknowledgedListings ? $"..{listingsMax}" : "")}), ")
            .Append($"activeListings {active} (expected {newListings} listed - {holding} held by orders = {newListings - holding})");
        return (passed, detail.ToString());
    }

    /// <summary>Reads many objects by id through aliases (a few requests instead of one per id); null where none exists.</summary>
    private async Task<Dictionary<string, JsonNode?>> ReadAsync(IReadOnlyList<string> ids, string field, string selection, int batch = Batch)
    {
        var found = new Dictionary<string, JsonNode?>();
        foreach (var chunk in ids.Chunk(batch))
        {
            var query = new StringBuilder("query(");
            query.Append(string.Join(", ", chunk.Select((_, i) => $"$id{i}: ID!"))).Append(") {");
            for (var i = 0; i < chunk.Length; i++) query.Append($" r{i}: {field}(id: $id{i}) {{ {selection} }}");
            query.Append(" }");
            var variables = chunk.Select((id, i) => (id, i)).ToDictionary(x => $"id{x.i}", x => x.id);
            var data = await Retry(() => http.OkAsync(query.ToString(), variables, adminToken));
            for (var i = 0; i < chunk.Length; i++) found[chunk[i]] = data[$"r{i}"]?.DeepClone();
        }
        return found;
    }

    /// <summary>The checks read after a failure: a read that meets a recovering cluster is asked again.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await read(); }
            catch (Exception) when (attempt < 5) { await Task.Delay(1000); }
        }
    }

    private static string Id(JsonNode order) => order["id"]!.GetValue<string>();
    private static string Status(JsonNode order) => order["status"]!.GetValue<string>();
    private static bool Terminal(JsonNode order) => Status(order) is "COMPLETED" or "CANCELLED" or "REFUNDED";
    private static decimal Price(JsonNode order) => decimal.Parse(order["price"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    private static List<string> Statuses(JsonNode order) => order["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();

    private static List<decimal> Ledger(JsonNode order, string kind) => order["ledger"]!.AsArray()
        .Where(e => e!["kind"]!.GetValue<string>() == kind).Select(e => decimal.Parse(e!["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();

    private static decimal Sum(JsonNode order, string kind) => Ledger(order, kind).Sum();
    private static decimal Paid(JsonNode order) => Sum(order, "RELEASE") + Sum(order, "FEE") + Sum(order, "REFUND");
}
