using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>Reference prices per contract "Figures"; method in docs/figures.md.</summary>
public sealed class ReferencePriceCalculator(PricingOptions options)
{
    /// <param name="orders">Orders of the category and its sub-categories (others must be filtered out by the caller).</param>
    public PriceSuggestion Calculate(string categoryId, Grade grade, IEnumerable<OrderSnapshot> orders, DateTimeOffset now)
    {
        var since = now - TimeSpan.FromDays(options.ReferenceDays);
        var recentSales = orders
            .Where(o => o.Status == OrderStatus.COMPLETED && o.CompletedAt is { } at && at >= since && at <= now)
            .ToList();

        var atGrade = recentSales.Where(o => o.Grade == grade).Select(NetPrice).ToList();
        var sample = atGrade.Count >= options.MinSample
            ? atGrade
            : recentSales.Select(o => GradeFactors.Convert(NetPrice(o), o.Grade, grade)).ToList();
        if (sample.Count == 0) return new PriceSuggestion(categoryId, grade, 0, null, null, null);

        sample.Sort();
        var trimmed = Trim(sample);
        return new PriceSuggestion(
            categoryId, grade, sample.Count,
            Money.Round(Percentiles.Of(trimmed, 0.5m)),
            Money.Round(Percentiles.Of(trimmed, 0.25m)),
            Money.Round(Percentiles.Of(trimmed, 0.75m)));
    }

    public IReadOnlyList<PriceSuggestion> CalculateAll(string categoryId, IReadOnlyCollection<OrderSnapshot> orders, DateTimeOffset now) =>
        Enum.GetValues<Grade>().Select(g => Calculate(categoryId, g, orders, now)).ToList();

    // What the seller kept of the price: a partial refund lowers what the item really sold for.
    private static decimal NetPrice(OrderSnapshot order) => order.Price - order.RefundedAmount;

    private List<decimal> Trim(List<decimal> sorted)
    {
        if (sorted.Count < options.TrimMinSample) return sorted;
        var cut = (int)decimal.Floor(sorted.Count * options.TrimFraction);
        return sorted.GetRange(cut, sorted.Count - 2 * cut);
    }
}
