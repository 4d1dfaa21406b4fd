using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Demo;

/// <summary>
/// A small believable market, loaded through the same grain calls the mutations make, with fixed ids
/// so a second run changes nothing: a category tree, regions, sellers whose histories spread their
/// credit scores, and orders left in every status.
/// </summary>
public sealed class DemoDataLoader(IClusterClient grains, ILogger<DemoDataLoader> logger)
{
    private static readonly CallerContext Admin = CallerContext.Admin();
    private static readonly CallerContext Inspector = new(null, [Role.INSPECTOR, Role.ADMIN]);

    private static readonly (string Id, string Name, string? Parent, bool HighValue, decimal[] Bounds)[] Categories =
    [
        ("electronics", "Electronics", null, false, [100, 500, 1000, 3000]),
        ("fashion", "Fashion", null, false, [50, 200, 1000]),
        ("media", "Media", null, false, [10, 30, 100]),
        ("phones", "Phones", "electronics", true, [200, 800, 2000, 5000]),
        ("laptops", "Laptops", "electronics", true, [500, 1500, 3000, 8000]),
        ("cameras", "Cameras", "electronics", true, [300, 1000, 3000]),
        ("bags", "Bags", "fashion", true, [100, 500, 2000, 10000]),
        ("books", "Books", "media", false, [5, 15, 40]),
    ];

    private static readonly (string Id, string Name)[] Regions =
        [("shanghai", "Shanghai"), ("beijing", "Beijing"), ("shenzhen", "Shenzhen"), ("chengdu", "Chengdu")];

    public async Task<string> LoadAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (id, name) in Regions) Ignore(await grains.GetGrain<IRegionGrain>(id).CreateAsync(name, Admin));
        foreach (var c in Categories)
            Ignore(await grains.GetGrain<ICategoryGrain>(c.Id).CreateAsync(new CreateCategory(c.Name, c.Parent, c.HighValue, c.Bounds), Admin));

        string[] sellers = ["demo-seller-top", "demo-seller-good", "demo-seller-new", "demo-seller-poor"];
        string[] buyers = ["demo-buyer-1", "demo-buyer-2", "demo-buyer-3"];
        for (var i = 0; i < sellers.Length; i++) await EnsureUserAsync(sellers[i], $"Seller {i + 1}", Regions[i % Regions.Length].Id);
        for (var i = 0; i < buyers.Length; i++) await EnsureUserAsync(buyers[i], $"Buyer {i + 1}", Regions[(i + 1) % Regions.Length].Id);
        Ignore(await grains.GetGrain<IUserGrain>("demo-inspector").CreateAsync("Inspector", "shanghai"));
        Ignore(await grains.GetGrain<IUserGrain>("demo-inspector").GrantRoleAsync(Role.INSPECTOR, Admin));

        var leafCategories = new[] { "phones", "laptops", "cameras", "bags", "books" };
        var basePrices = new Dictionary<string, decimal> { ["phones"] = 2899m, ["laptops"] = 6999m, ["cameras"] = 3599m, ["bags"] = 1299m, ["books"] = 25m };
        var grades = Enum.GetValues<Grade>();
        var orders = 0;

        // The top seller: many smooth sales with good ratings.
        for (var n = 0; n < 12; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var category = leafCategories[n % leafCategories.Length];
            var item = await EnsureItemAsync($"demo-top-{n}", sellers[0], category, Regions[n % Regions.Length].Id, grades[n % 3], basePrices[category] * (1 + n % 4 * 0.1m));
            if (item is null) continue;
            orders++;
            await CompleteAsync(item, buyers[n % buyers.Length], $"demo-top-{n}", stars: 5);
        }

        // A decent seller with one late shipment and a lost dispute.
        for (var n = 0; n < 5; n++)
        {
            var category = leafCategories[(n + 2) % leafCategories.Length];
            var item = await EnsureItemAsync($"demo-good-{n}", sellers[1], category, Regions[(n + 1) % Regions.Length].Id, grades[(n + 1) % 4], basePrices[category] * 0.9m);
            if (item is null) continue;
            orders++;
            if (n == 0) await DisputeAsync(item, buyers[1], "demo-good-0", DisputeOutcome.REFUND);
            else await CompleteAsync(item, buyers[(n + 1) % buyers.Length], $"demo-good-{n}", stars: 4);
        }

        // A poor seller: cancellations, a failed authenticity inspection, a description mismatch.
        for (var n = 0; n < 4; n++)
        {
            var category = leafCategories[(n + 3) % leafCategories.Length];
            var item = await EnsureItemAsync($"demo-poor-{n}", sellers[3], category, Regions[(n + 2) % Regions.Length].Id, Grade.LIKE_NEW, basePrices[category] * 0.8m);
            if (item is null) continue;
            orders++;
            var buyer = buyers[n % buyers.Length];
            switch (n)
            {
                case 0:
                case 1:
                    var placed = await PlaceAsync(item, buyer, $"demo-poor-{n}", false);
                    if (placed is not null) Ignore(await Order(placed).CancelAsync("out of stock", CallerContext.User(sellers[3])));
                    break;
                case 2: await InspectAsync(item, buyer, $"demo-poor-{n}", authentic: false, matches: false); break;
                default: await InspectAsync(item, buyer, $"demo-poor-{n}", authentic: true, matches: false); break;
            }
        }

        // Orders left in each open status, plus the remaining terminal ones, on the new seller's items.
        var stages = new[] { "await", "paid", "toinspection", "inspecting", "passed", "shipped", "delivered", "disputed", "cancelled", "partial", "released" };
        for (var n = 0; n < stages.Length; n++)
        {
            var category = leafCategories[n % leafCategories.Length];
            var item = await EnsureItemAsync($"demo-new-{stages[n]}", sellers[2], category, Regions[n % Regions.Length].Id, grades[n % grades.Length], basePrices[category] * (0.7m + n * 0.05m));
            if (item is null) continue;
            orders++;
            await StageAsync(item, buyers[n % buyers.Length], $"demo-new-{stages[n]}", stages[n]);
        }

        // Unsold stock spread over every category and region.
        for (var n = 0; n < 30; n++)
        {
            var category = leafCategories[n % leafCategories.Length];
            await EnsureItemAsync($"demo-stock-{n}", sellers[n % sellers.Length], category, Regions[n % Regions.Length].Id, grades[n % grades.Length], basePrices[category] * (0.5m + n % 7 * 0.1m));
        }

        return $"{Categories.Length} categories, {Regions.Length} regions, {sellers.Length} sellers, {buyers.Length} buyers, {orders} new orders";
    }

    private async Task StageAsync(ItemView item, string buyer, string key, string stage)
    {
        var withInspection = stage is "toinspection" or "inspecting" or "passed";
        var order = await PlaceAsync(item, buyer, key, withInspection);
        if (order is null || stage == "await") return;
        if (stage == "cancelled")
        {
            Ignore(await Order(order).CancelAsync("changed my mind", CallerContext.User(buyer)));
            return;
        }
        Ignore(await Order(order).PayAsync(key, CallerContext.User(buyer)));
        if (stage == "paid") return;
        Ignore(await Order(order).ShipAsync("SF" + key.GetHashCode().ToString("X8"), CallerContext.User(item.SellerId)));
        if (stage == "toinspection") return;
        if (withInspection)
        {
            Ignore(await Order(order).ReceiveForInspectionAsync(Inspector));
            if (stage == "inspecting") return;
            Ignore(await Order(order).SubmitInspectionReportAsync(new InspectionReport(item.ClaimedGrade, true, true, true, "as described"), Inspector));
            return;
        }
        if (stage == "shipped") return;
        Ignore(await Order(order).MarkDeliveredAsync(Admin));
        if (stage == "delivered") return;
        Ignore(await Order(order).OpenDisputeAsync("not as pictured", CallerContext.User(buyer)));
        if (stage == "disputed") return;
        var outcome = stage == "partial" ? DisputeOutcome.PARTIAL_REFUND : DisputeOutcome.RELEASE;
        Ignore(await Order(order).ResolveDisputeAsync(outcome, outcome == DisputeOutcome.PARTIAL_REFUND ? decimal.Round(item.Price / 4, 2) : null, Admin));
    }

    private async Task CompleteAsync(ItemView item, string buyer, string key, int stars)
    {
        var order = await PlaceAsync(item, buyer, key, false);
        if (order is null) return;
        Ignore(await Order(order).PayAsync(key, CallerContext.User(buyer)));
        Ignore(await Order(order).ShipAsync("SF-" + key, CallerContext.User(item.SellerId)));
        Ignore(await Order(order).MarkDeliveredAsync(Admin));
        Ignore(await Order(order).ConfirmReceiptAsync(CallerContext.User(buyer)));
        Ignore(await Order(order).RateSellerAsync(stars, CallerContext.User(buyer)));
    }

    private async Task DisputeAsync(ItemView item, string buyer, string key, DisputeOutcome outcome)
    {
        var order = await PlaceAsync(item, buyer, key, false);
        if (order is null) return;
        Ignore(await Order(order).PayAsync(key, CallerContext.User(buyer)));
        Ignore(await Order(order).ShipAsync("SF-" + key, CallerContext.User(item.SellerId)));
        Ignore(await Order(order).MarkDeliveredAsync(Admin));
        Ignore(await Order(order).OpenDisputeAsync("arrived damaged", CallerContext.User(buyer)));
        Ignore(await Order(order).ResolveDisputeAsync(outcome, null, Admin));
    }

    private async Task InspectAsync(ItemView item, string buyer, string key, bool authentic, bool matches)
    {
        var order = await PlaceAsync(item, buyer, key, true);
        if (order is null) return;
        Ignore(await Order(order).PayAsync(key, CallerContext.User(buyer)));
        Ignore(await Order(order).ShipAsync("SF-" + key, CallerContext.User(item.SellerId)));
        Ignore(await Order(order).ReceiveForInspectionAsync(Inspector));
        var verified = matches ? item.ClaimedGrade : Grade.FAIR;
        Ignore(await Order(order).SubmitInspectionReportAsync(new InspectionReport(verified, authentic, matches, true, "demo inspection"), Inspector));
    }

    private async Task<string?> PlaceAsync(ItemView item, string buyer, string key, bool withInspection)
    {
        var orderId = OrderIds.ForPlacement(buyer, key);
        var result = await Order(orderId).PlaceAsync(new PlaceOrder(item.Id, withInspection, key), CallerContext.User(buyer));
        return result.IsSuccess ? orderId : null;
    }

    private IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);

    private async Task EnsureUserAsync(string id, string name, string region) =>
        Ignore(await grains.GetGrain<IUserGrain>(id).CreateAsync(name, region));

    /// <summary>Lists the item unless it exists; null when it already existed (its scenario ran before).</summary>
    private async Task<ItemView?> EnsureItemAsync(string id, string seller, string category, string region, Grade grade, decimal price)
    {
        var grain = grains.GetGrain<IItemGrain>(id);
        if (await grain.GetAsync() is not null) return null;
        var title = $"{char.ToUpperInvariant(category[0])}{category[1..^1]} #{id[(id.LastIndexOf('-') + 1)..]}";
        var result = await grain.ListAsync(
            new ListItem(title, $"Demo {category} item in {grade} condition.", category, region, grade, decimal.Round(price, 2)),
            CallerContext.User(seller));
        return result.Value;
    }

    private void Ignore<T>(Result<T> result)
    {
        // Already-existing data is the normal case on a second run; anything else is worth a line in the log.
        if (result.Error is { } error && error.Code != ErrorCodes.AlreadyExists)
            logger.LogDebug("Demo data step answered {Code}: {Message}", error.Code, error.Message);
    }
}
