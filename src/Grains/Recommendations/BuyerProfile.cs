using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;

namespace Marketplace.Grains.Recommendations;

/// <summary>
/// What Buyer.recommended ranks by (docs/recommendations.md): the buyer's history items, each once with the
/// weight of its strongest signal (ordered or rented 3, favorited 2, viewed 1), the price range they span
/// and the buyer's region. Pure: built from snapshots the caller fetched.
/// </summary>
public sealed class BuyerProfile
{
    public const decimal OrderedWeight = 3m, RentedWeight = 3m, FavoritedWeight = 2m, ViewedWeight = 1m;

    private readonly IReadOnlyList<(ItemSnapshot Item, decimal Weight)> _items;
    private readonly decimal _totalWeight;
    private readonly List<(ItemSnapshot Example, decimal Weight)> _byCategory;
    private readonly List<(Interfaces.Grade Grade, decimal Weight)> _byGrade;

    public BuyerProfile(BuyerHistory history, IReadOnlyDictionary<string, ItemSnapshot> snapshots, string? regionId)
    {
        var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(IEnumerable<string> ids, decimal weight)
        {
            foreach (var id in ids)
                if (snapshots.ContainsKey(id) && (!weights.TryGetValue(id, out var known) || known < weight)) weights[id] = weight;
        }
        Add(history.RecentViews, ViewedWeight);
        Add(history.Favorites, FavoritedWeight);
        Add(history.Rented, RentedWeight);
        Add(history.Ordered, OrderedWeight);
        _items = weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (snapshots[w.Key], w.Value)).ToList();
        _totalWeight = _items.Sum(i => i.Weight);
        // Scoring only needs each history item's category (with its parent) and grade: summing the weights per
        // category and per grade once makes a candidate's score cost a few terms, not one per history item.
        // Exact: weights are whole numbers and the terms short decimals, so Σ w·f = (Σ w)·f.
        _byCategory = _items.GroupBy(i => (i.Item.CategoryId, Parent: Ranking.Parent(i.Item)))
            .Select(g => (g.First().Item, Weight: g.Sum(i => i.Weight))).ToList();
        _byGrade = _items.GroupBy(i => i.Item.EffectiveGrade).Select(g => (g.Key, Weight: g.Sum(i => i.Weight))).ToList();
        RegionId = regionId;
        if (_items.Count > 0)
        {
            MinPrice = _items.Min(i => i.Item.Price);
            MaxPrice = _items.Max(i => i.Item.Price);
        }
        Excluded = new HashSet<string>(history.Ordered.Concat(history.Favorites), StringComparer.Ordinal);
    }

    public bool IsEmpty => _items.Count == 0;
    public string? RegionId { get; }
    public decimal MinPrice { get; }
    public decimal MaxPrice { get; }

    /// <summary>What the buyer already ordered or favorited: never recommended.</summary>
    public IReadOnlySet<string> Excluded { get; }

    /// <summary>Categories by total weight (highest first, ties by id), each with the median price of its history items (lower median).</summary>
    public IReadOnlyList<(ItemSnapshot Example, decimal Weight, decimal MedianPrice)> TopCategories(int count) =>
        _items.GroupBy(i => i.Item.CategoryId, StringComparer.Ordinal)
            .Select(g =>
            {
                var prices = g.Select(i => i.Item.Price).Order().ToList();
                var example = g.OrderBy(i => i.Item.ItemId, StringComparer.Ordinal).First().Item;
                return (Example: example, Weight: g.Sum(i => i.Weight), MedianPrice: prices[(prices.Count - 1) / 2]);
            })
            .OrderByDescending(c => c.Weight).ThenBy(c => c.Example.CategoryId, StringComparer.Ordinal)
            .Take(count).ToList();

    /// <summary>
    /// 4·category + 2·grade + 2·price + 1·region where category and grade are the weighted means over the history items
    /// of <see cref="Ranking.Category"/> and <see cref="Ranking.Grade"/>, price is closeness to [min, max] of the history prices.
    /// </summary>
    public decimal Score(ItemSnapshot candidate)
    {
        if (_totalWeight == 0) return Ranking.RegionWeight * Ranking.Region(RegionId, candidate);
        decimal category = 0m, grade = 0m;
        foreach (var (example, weight) in _byCategory) category += weight * Ranking.Category(example, candidate);
        foreach (var (historyGrade, weight) in _byGrade) grade += weight * Ranking.Grade(historyGrade, candidate.EffectiveGrade);
        return Ranking.CategoryWeight * (category / _totalWeight)
            + Ranking.GradeWeight * (grade / _totalWeight)
            + Ranking.PriceWeight * Ranking.PriceInRange(MinPrice, MaxPrice, candidate.Price)
            + Ranking.RegionWeight * Ranking.Region(RegionId, candidate);
    }
}
