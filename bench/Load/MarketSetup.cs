using System.Globalization;
using Marketplace.Cluster.Tests;

namespace Marketplace.Load;

/// <summary>What the traffic needs before it starts: categories, regions, users with tokens, an operator, and a few items per user.</summary>
public sealed record Market(string[] CategoryIds, string[] RegionIds, MarketUser[] Users, MarketUser Operator)
{
    public const int ItemsPerUserAtStart = 3;

    /// <summary>Made through GraphQL as admin and as each user (setup requests are not in the report).</summary>
    public static async Task<Market> CreateAsync(GraphQLHttp http, string adminToken, int users, ItemPool pool, WriteJournal journal)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var categories = new[] { "phones", "cameras", "bags", "watches" }.Select(c => $"{c}-{run}").ToArray();
        var regions = new[] { "north", "south", "east" }.Select(r => $"{r}-{run}").ToArray();
        foreach (var id in categories)
            await http.OkAsync(Documents.CreateCategory, new { i = new { id, name = id } }, adminToken);
        foreach (var id in regions)
            await http.OkAsync(Documents.CreateRegion, new { i = new { id, name = id } }, adminToken);

        var created = new MarketUser[users];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async index =>
        {
            await gate.WaitAsync();
            try { created[index] = await CreateUserAsync(http, index, $"load-user-{index}"); }
            finally { gate.Release(); }
        }));
        var @operator = await CreateUserAsync(http, -1, "load-operator");
        await http.OkAsync(Documents.GrantRole, new { i = new { userId = @operator.Id, role = "OPERATOR" } }, adminToken);

        var market = new Market(categories, regions, created, @operator);
        var random = new Random(7);
        var listings = created.SelectMany(user => Enumerable.Range(0, ItemsPerUserAtStart).Select(_ => (user, input: market.NewListing(random)))).ToArray();
        await Task.WhenAll(listings.Chunk(Math.Max(1, listings.Length / 8)).Select(async chunk =>
        {
            foreach (var (user, input) in chunk)
            {
                var item = (await http.OkAsync(Documents.ListItem, new { i = input }, user.Token))["listItem"]!["item"]!;
                var itemId = item["id"]!.GetValue<string>();
                journal.Listed(itemId);
                pool.Add(new PooledItem(itemId, user.Index, decimal.Parse(item["price"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
            }
        }));
        return market;
    }

    /// <summary>A listItem input: a random category, region, grade and a price with two decimals.</summary>
    public object NewListing(Random random)
    {
        var price = Math.Round((decimal)(10 + random.NextDouble() * 990), 2);
        string[] grades = ["NEW", "LIKE_NEW", "EXCELLENT", "GOOD", "FAIR"];
        return new
        {
            title = $"Load item {random.Next(1_000_000)}",
            categoryId = CategoryIds[random.Next(CategoryIds.Length)],
            regionId = RegionIds[random.Next(RegionIds.Length)],
            claimedGrade = grades[random.Next(grades.Length)],
            price = price.ToString("0.00", CultureInfo.InvariantCulture),
        };
    }

    private static async Task<MarketUser> CreateUserAsync(GraphQLHttp http, int index, string name)
    {
        var payload = (await http.OkAsync(Documents.CreateUser, new { i = new { displayName = name } }))["createUser"]!;
        return new MarketUser(index, payload["user"]!["id"]!.GetValue<string>(), payload["token"]!.GetValue<string>());
    }
}
