using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>Top categories / regions by GMV of completed orders in the last 30 days (ties: more sales, then id).</summary>
public static class MarketRankings
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static IReadOnlyList<MarketRanking> Rank(MarketFacts facts, Func<OrderSnapshot, string> keyOf, DateTimeOffset now, int first)
    {
        if (first < 0) throw new ArgumentOutOfRangeException(nameof(first), first, "first must not be negative.");
        var since = now - Window;
        return facts.Orders.Values
            .Where(o => o.Status == OrderStatus.COMPLETED && o.CompletedAt is { } at && at >= since && at <= now)
            .GroupBy(keyOf)
            .Select(g => new MarketRanking(g.Key, MarketStatsCalculator.Gmv(g), g.Count()))
            .OrderByDescending(r => r.Gmv).ThenByDescending(r => r.Sold).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(first)
            .ToList();
    }
}
