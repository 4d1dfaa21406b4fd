using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Recommendations;

/// <summary>
/// The ranking of docs/recommendations.md, as pure functions of snapshots (no I/O) so it is exact and testable:
/// score = 4·category + 2·grade + 2·price + 1·region, each term in 0..1, computed in decimal; ties by item id (ordinal).
/// </summary>
public static class Ranking
{
    public const decimal CategoryWeight = 4m, GradeWeight = 2m, PriceWeight = 2m, RegionWeight = 1m;

    private static readonly int GradeSteps = Enum.GetValues<Grade>().Length - 1; // NEW .. FOR_PARTS: 5 steps

    /// <summary>1 when the candidate is in the reference's category (or below it), ½ in a sibling (same parent, or the parent itself), else 0.</summary>
    public static decimal Category(ItemSnapshot reference, ItemSnapshot candidate)
    {
        if (InCategory(candidate, reference.CategoryId)) return 1m;
        return Parent(reference) is { } parent && InCategory(candidate, parent) ? 0.5m : 0m;
    }

    /// <summary>1 − |grade steps apart| ÷ 5 (NEW, LIKE_NEW, EXCELLENT, GOOD, FAIR, FOR_PARTS), on effective grades.</summary>
    public static decimal Grade(Grade reference, Grade candidate) => 1m - (decimal)Math.Abs((int)reference - (int)candidate) / GradeSteps;

    /// <summary>min ÷ max of the two prices: 1 for the same price, ½ for twice or half the price.</summary>
    public static decimal Price(decimal reference, decimal candidate)
    {
        var (low, high) = reference <= candidate ? (reference, candidate) : (candidate, reference);
        return high <= 0m ? 1m : low / high;
    }

    /// <summary>Price closeness to a range: 1 inside [min, max], else the closeness to the nearer bound.</summary>
    public static decimal PriceInRange(decimal min, decimal max, decimal candidate) =>
        candidate < min ? Price(min, candidate) : candidate > max ? Price(max, candidate) : 1m;

    public static decimal Region(string? reference, ItemSnapshot candidate) =>
        reference is not null && string.Equals(reference, candidate.RegionId, StringComparison.Ordinal) ? 1m : 0m;

    /// <summary>Item.similar: how much <paramref name="candidate"/> is like <paramref name="reference"/>.</summary>
    public static decimal Similar(ItemSnapshot reference, ItemSnapshot candidate) =>
        CategoryWeight * Category(reference, candidate)
        + GradeWeight * Grade(reference.EffectiveGrade, candidate.EffectiveGrade)
        + PriceWeight * Price(reference.Price, candidate.Price)
        + RegionWeight * Region(reference.RegionId, candidate);

    /// <summary>Best first: score descending, then item id ascending (ordinal), so equal scores always come in one order.</summary>
    public static List<ItemSnapshot> Order(IEnumerable<ItemSnapshot> candidates, Func<ItemSnapshot, decimal> score) =>
        candidates.Select(c => (Item: c, Score: score(c)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item.ItemId, StringComparer.Ordinal)
            .Select(x => x.Item).ToList();

    public static string? Parent(ItemSnapshot item) =>
        item.CategoryPath.Count >= 2 && item.CategoryPath[^1] == item.CategoryId ? item.CategoryPath[^2]
        : item.CategoryPath.Count >= 1 && item.CategoryPath[^1] != item.CategoryId ? item.CategoryPath[^1]
        : null;

    public static bool InCategory(ItemSnapshot item, string categoryId) =>
        string.Equals(item.CategoryId, categoryId, StringComparison.Ordinal) || item.CategoryPath.Contains(categoryId, StringComparer.Ordinal);
}
