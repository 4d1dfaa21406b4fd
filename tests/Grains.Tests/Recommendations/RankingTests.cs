using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Listings;
using Marketplace.Grains.Recommendations;

namespace Marketplace.Grains.Tests.Recommendations;

/// <summary>The ranking formula of docs/recommendations.md and the bounded index reads it is fed from.</summary>
public class RankingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // Categories: electronics > phones, electronics > tablets, books.
    internal static ItemSnapshot Item(string id, string[] path, decimal price, Grade grade = Grade.EXCELLENT, string region = "north",
        string seller = "s1", ItemStatus status = ItemStatus.LISTED, int views = 0, long version = 1) =>
        new(id, version, seller, path[^1], path, region, "title " + id, "", grade, null, price, status, T0, null, views, 0);

    private static readonly string[] Phones = ["electronics", "phones"], Tablets = ["electronics", "tablets"], Electronics = ["electronics"], Books = ["books"];

    [Fact]
    public void Terms_follow_the_documented_formula()
    {
        var phone = Item("a", Phones, 100m, Grade.LIKE_NEW, "north");
        Assert.Equal(1m, Ranking.Category(phone, Item("b", Phones, 1m)));
        Assert.Equal(0.5m, Ranking.Category(phone, Item("b", Tablets, 1m)));      // sibling
        Assert.Equal(0.5m, Ranking.Category(phone, Item("b", Electronics, 1m)));  // the parent itself
        Assert.Equal(0m, Ranking.Category(phone, Item("b", Books, 1m)));
        Assert.Equal(0.8m, Ranking.Grade(Grade.LIKE_NEW, Grade.EXCELLENT));
        Assert.Equal(0m, Ranking.Grade(Grade.NEW, Grade.FOR_PARTS));
        Assert.Equal(0.5m, Ranking.Price(100m, 200m));
        Assert.Equal(0.8m, Ranking.Price(100m, 80m));
        Assert.Equal(1m, Ranking.PriceInRange(50m, 150m, 120m));
        Assert.Equal(0.5m, Ranking.PriceInRange(50m, 150m, 25m));

        // Worked example of docs/recommendations.md: a tablet one grade lower, at 80, in another region:
        // 4 × 0.5 + 2 × 0.8 + 2 × 0.8 + 1 × 0 = 5.2
        Assert.Equal(5.2m, Ranking.Similar(phone, Item("t", Tablets, 80m, Grade.EXCELLENT, "south")));
        // A phone of the same grade at 125 in the same region: 4 + 2 + 2 × 0.8 + 1 = 8.6
        Assert.Equal(8.6m, Ranking.Similar(phone, Item("p", Phones, 125m, Grade.LIKE_NEW, "north")));
    }

    [Fact]
    public void Order_is_by_score_then_item_id_whatever_the_input_order()
    {
        var reference = Item("ref", Phones, 100m);
        var candidates = new[]
        {
            Item("c", Phones, 100m), Item("b", Phones, 100m), Item("d", Tablets, 100m), Item("a", Books, 100m), Item("e", Phones, 150m),
        };
        var expected = new[] { "b", "c", "e", "d", "a" };
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = candidates.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Ranking.Order(shuffled, c => Ranking.Similar(reference, c)).Select(c => c.ItemId));
        }
    }

    [Fact]
    public void A_buyer_profile_weighs_what_was_ordered_over_what_was_viewed_and_excludes_ordered_and_favorited()
    {
        var snapshots = new[]
        {
            Item("viewed-book", Books, 10m), Item("ordered-phone", Phones, 200m, Grade.LIKE_NEW), Item("fav-phone", Phones, 300m),
        }.ToDictionary(s => s.ItemId);
        var history = new BuyerHistory(["viewed-book", "ordered-phone"], ["fav-phone"], ["ordered-phone"], []);
        var profile = new BuyerProfile(history, snapshots, "north");

        Assert.Equal((10m, 300m), (profile.MinPrice, profile.MaxPrice));
        Assert.Equal(["fav-phone", "ordered-phone"], profile.Excluded.Order(StringComparer.Ordinal));
        Assert.Equal("phones", profile.TopCategories(3)[0].Example.CategoryId); // 3 + 2 against 1
        Assert.Equal(200m, profile.TopCategories(3)[0].MedianPrice);           // lower median of 200, 300

        // Weights: ordered-phone 3 (ordered beats viewed), fav-phone 2, viewed-book 1; W = 6.
        // A LIKE_NEW phone at 250 in north: category (3 + 2 + 0) ÷ 6, grade (3 × 1 + 2 × 0.8 + 1 × 0.8) ÷ 6 = 0.9, price in range 1, region 1.
        var phone = Item("x", Phones, 250m, Grade.LIKE_NEW, "north");
        Assert.Equal(4m * (5m / 6m) + 2m * (5.4m / 6m) + 2m + 1m, profile.Score(phone));
        var book = Item("y", Books, 250m, Grade.LIKE_NEW, "north");
        Assert.True(profile.Score(phone) > profile.Score(book));
    }

    [Fact]
    public void Probes_read_the_listings_nearest_a_price_in_both_directions_without_a_pass_over_the_scope()
    {
        var index = new ListingIndex("electronics");
        for (var i = 1; i <= 100; i++) index.Apply(Item($"i{i:000}", Phones, i * 10m, region: i % 2 == 0 ? "north" : "south"));
        index.Apply(Item("sold", Phones, 505m, status: ItemStatus.SOLD));

        var up = index.Probe(new ListingProbe(new ListingQuery(Status: ItemStatus.LISTED, OrderBy: ListingOrder.PriceAsc), 3, 500m));
        var down = index.Probe(new ListingProbe(new ListingQuery(Status: ItemStatus.LISTED, OrderBy: ListingOrder.PriceDesc), 3, 500m));
        Assert.Equal(["i050", "i051", "i052"], up.Select(i => i.ItemId));   // ≥ 500, the SOLD one skipped
        Assert.Equal(["i049", "i048", "i047"], down.Select(i => i.ItemId)); // < 500

        var north = index.Probe(new ListingProbe(new ListingQuery(RegionId: "north", Status: ItemStatus.LISTED, OrderBy: ListingOrder.PriceAsc), 2, 500m));
        Assert.Equal(["i050", "i052"], north.Select(i => i.ItemId));
        // The scan limit bounds the work for a rare filter value: 4 rows looked at, 2 matched.
        var bounded = index.Probe(new ListingProbe(new ListingQuery(RegionId: "north", Status: ItemStatus.LISTED, OrderBy: ListingOrder.PriceAsc), 10, 500m, ScanLimit: 4));
        Assert.Equal(["i050", "i052"], bounded.Select(i => i.ItemId));

        Assert.Throws<ArgumentException>(() => index.Probe(new ListingProbe(new ListingQuery(OrderBy: ListingOrder.Newest), 3, 500m)));
        Assert.Equal(["i007", "i003"], index.GetMany(["i007", "nope", "i003"]).Select(i => i.ItemId));
    }
}
