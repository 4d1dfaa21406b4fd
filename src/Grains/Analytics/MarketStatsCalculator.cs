using System.Globalization;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>MarketStats per contract "Figures" over the facts of one aggregate; definitions in docs/figures.md.</summary>
public sealed class MarketStatsCalculator(MarketFiguresOptions options)
{
    public const int MaxDailyDays = 3660;

    public MarketStats Calculate(MarketFacts facts, StatsQuery query, DateTimeOffset now)
    {
        var bounds = ValidateBounds(query.PriceBandBounds ?? []);
        if (query.DailyDays is < 0 or > MaxDailyDays)
            throw new ArgumentOutOfRangeException(nameof(query), query.DailyDays, $"daily days must be between 0 and {MaxDailyDays}.");
        var length = query.Window.Length();
        bool InWindow(DateTimeOffset? at) => at is { } t && t <= now && (length is not { } span || t >= now - span);

        var items = facts.Items.Values;
        var orders = facts.Orders.Values;
        var listed = items.Where(i => i.IsListed).ToList();
        var sold = orders.Where(o => o.Status == OrderStatus.COMPLETED && InWindow(o.CompletedAt)).ToList();
        var daysToSell = sold
            .Where(o => o.PaidAt is not null && o.ListedAt is not null)
            .Select(o => (o.PaidAt!.Value - o.ListedAt!.Value).TotalDays)
            .Order()
            .ToList();

        var views = items.Sum(i => i.ViewTimes.Count(t => InWindow(t)));
        var delivered = orders.Count(o => InWindow(o.DeliveredAt));
        var disputed = orders.Count(o => InWindow(o.DisputedAt));
        var paid = orders.Count(o => InWindow(o.PaidAt));
        var refunded = orders.Count(o => InWindow(o.RefundedAt));
        var reported = orders.Where(o => o.InspectionPassed is not null && InWindow(o.InspectionReportedAt)).ToList();

        return new MarketStats(
            ActiveListings: listed.Count,
            NewListings: items.Count(i => InWindow(i.Snapshot.ListedAt)),
            Sold: sold.Count,
            Gmv: Gmv(sold),
            SellThroughRate: Ratio(sold.Count, sold.Count + listed.Count),
            AvgDaysToSell: daysToSell.Count == 0 ? null : daysToSell.Average(),
            MedianDaysToSell: daysToSell.Count == 0 ? null : Percentiles.Median(daysToSell),
            Ageing: AgeingOf(listed, now),
            PriceBands: PriceBandsOf(bounds, listed, sold),
            GradeMix: Enum.GetValues<Grade>()
                .Select(g => new GradeCount(g, listed.Count(i => i.Snapshot.EffectiveGrade == g), sold.Count(o => o.Grade == g)))
                .ToList(),
            Views: views,
            ConversionRate: Ratio(sold.Count, views),
            DisputeRate: Ratio(disputed, delivered),
            RefundRate: Ratio(refunded, paid),
            InspectionPassRate: reported.Count == 0 ? null : Ratio(reported.Count(o => o.InspectionPassed == true), reported.Count),
            SlowMoving: listed.Count(i => IsSlowMoving(i, now)),
            Daily: Daily(facts, query.DailyDays, now)) { Rentals = RentalFigures.Calculate(facts, query.Window, now), Offers = OfferFigures.Stats(facts, t => InWindow(t)) };
    }

    public bool IsSlowMoving(ItemFact item, DateTimeOffset now) =>
        item.IsListed && item.Snapshot.ListedAt is { } listedAt && now - listedAt > TimeSpan.FromDays(options.SlowMovingDays);

    public static decimal Gmv(IEnumerable<OrderSnapshot> completed) => Money.Round(completed.Sum(o => o.Price - o.RefundedAmount));

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static Ageing AgeingOf(IEnumerable<ItemFact> listed, DateTimeOffset now)
    {
        int d0 = 0, d31 = 0, d61 = 0, over = 0;
        foreach (var item in listed)
        {
            // An item LISTED without a ListedAt (should not happen) counts as new.
            var age = item.Snapshot.ListedAt is { } at ? now - at : TimeSpan.Zero;
            if (age <= TimeSpan.FromDays(30)) d0++;
            else if (age <= TimeSpan.FromDays(60)) d31++;
            else if (age <= TimeSpan.FromDays(90)) d61++;
            else over++;
        }
        return new Ageing(d0, d31, d61, over);
    }

    private static List<PriceBand> PriceBandsOf(IReadOnlyList<decimal> bounds, IReadOnlyList<ItemFact> listed, IReadOnlyList<OrderSnapshot> sold)
    {
        var bands = new List<PriceBand>(bounds.Count + 1);
        for (var i = 0; i <= bounds.Count; i++)
        {
            var min = i == 0 ? 0m : bounds[i - 1];
            decimal? max = i < bounds.Count ? bounds[i] : null;
            bool In(decimal price) => price >= min && (max is not { } m || price < m);
            bands.Add(new PriceBand(min, max, listed.Count(l => In(l.Snapshot.Price)), sold.Count(o => In(o.Price))));
        }
        return bands;
    }

    private static IReadOnlyList<decimal> ValidateBounds(IReadOnlyList<decimal> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (bounds[i] <= 0) throw new ArgumentException("Price band bounds must be positive.", nameof(bounds));
            if (i > 0 && bounds[i] <= bounds[i - 1]) throw new ArgumentException("Price band bounds must be strictly ascending.", nameof(bounds));
        }
        return bounds;
    }

    private static List<DailyPoint> Daily(MarketFacts facts, int days, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - days);
        var newByDay = facts.Items.Values
            .Where(i => i.Snapshot.ListedAt is { } at && at <= now)
            .GroupBy(i => DateOnly.FromDateTime(i.Snapshot.ListedAt!.Value.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Count());
        var soldByDay = facts.Orders.Values
            .Where(o => o.Status == OrderStatus.COMPLETED && o.CompletedAt is { } at && at <= now)
            .GroupBy(o => DateOnly.FromDateTime(o.CompletedAt!.Value.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.ToList());
        var points = new List<DailyPoint>(Math.Max(days, 0));
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var soldThatDay = soldByDay.GetValueOrDefault(day) ?? [];
            points.Add(new DailyPoint(
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                newByDay.GetValueOrDefault(day), soldThatDay.Count, Gmv(soldThatDay)));
        }
        return points;
    }
}
