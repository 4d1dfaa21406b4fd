namespace Marketplace.GraphQL.Bench;

public sealed record PricePoint(decimal Price, string At, string Reason);
public sealed record Seller(string Id, string DisplayName, int CreditScore);
public sealed record Item(string Id, string Title, string CategoryId, string ClaimedGrade, decimal Price, string SellerId, string Status, PricePoint[] PriceHistory);
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
public sealed record ItemConnection(IReadOnlyList<Item> Nodes, PageInfo PageInfo, int TotalCount);

/// <summary>
/// The peer's data set (shared/bench/graphql-peer/server.mjs), built the same way: 5 categories,
/// 1,000 sellers, 50,000 listed items with two price points each.
/// </summary>
public sealed class BenchData
{
    private static readonly string[] Grades = ["NEW", "LIKE_NEW", "EXCELLENT", "GOOD", "FAIR"];
    private static readonly string[] Categories = ["phones", "laptops", "cameras", "bags", "books"];

    public BenchData()
    {
        for (var s = 0; s < 1000; s++) Sellers[$"s{s}"] = new Seller($"s{s}", $"seller {s}", 550 + (s % 300));
        foreach (var category in Categories) ByCategory[category] = new List<Item>();
        for (var i = 0; i < 50_000; i++)
        {
            var category = Categories[i % Categories.Length];
            var item = new Item($"i{i}", $"item {i}", category, Grades[i % 5], 100 + (i % 5000), $"s{i % 1000}", "LISTED",
            [
                new PricePoint(120 + (i % 5000), "2026-11-01T00:00:00Z", "LISTED"),
                new PricePoint(100 + (i % 5000), "2026-11-10T00:00:00Z", "SELLER_CHANGE"),
            ]);
            Items[item.Id] = item;
            ByCategory[category].Add(item);
            All.Add(item);
        }
    }

    public Dictionary<string, Seller> Sellers { get; } = new();
    public Dictionary<string, Item> Items { get; } = new();
    public Dictionary<string, List<Item>> ByCategory { get; } = new();
    public List<Item> All { get; } = new();

    public static string CreditBand(int score) =>
        score < 550 ? "POOR" : score < 600 ? "FAIR" : score < 650 ? "GOOD" : score < 700 ? "VERY_GOOD" : "EXCELLENT";
}
