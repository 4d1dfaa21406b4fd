using System.Globalization;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Dashboard alerts, derived from the platform facts on demand (so they are as exact as the facts and
/// disappear when the cause does, e.g. a slow item sells). Rules in docs/figures.md.
/// </summary>
public sealed class AlertDetector(MarketFiguresOptions options)
{
    private readonly MarketStatsCalculator _stats = new(options);
    private readonly ReferencePriceCalculator _prices = new(options.Pricing);

    public IReadOnlyList<Alert> Detect(MarketFacts facts, DateTimeOffset now, int first)
    {
        if (first < 0) throw new ArgumentOutOfRangeException(nameof(first), first, "first must not be negative.");
        var alerts = new List<Alert>();
        alerts.AddRange(SlowMoving(facts, now));
        alerts.AddRange(PriceAnomalies(facts, now));
        alerts.AddRange(SellersBelowStandard(facts));
        alerts.AddRange(facts.SelfPurchaseAttempts.Values.Select(a => new Alert(
            AlertKind.SELF_DEALING, Severity.CRITICAL,
            $"Seller {a.SellerId} tried to buy their own item {a.ItemId}.", a.At, a.ItemId, a.SellerId, a.CategoryId)));
        alerts.AddRange(ListingBursts(facts));
        alerts.AddRange(RepeatedCancellations(facts, now));
        alerts.AddRange(RentalFigures.OverdueAlerts(facts));
        alerts.AddRange(OfferFigures.SpamAlerts(facts, options.Offers.SpamThreshold));
        return alerts
            .OrderByDescending(a => a.At)
            .ThenBy(a => a.Kind)
            .ThenBy(a => a.ItemId ?? a.SellerId, StringComparer.Ordinal)
            .Take(first)
            .ToList();
    }

    private IEnumerable<Alert> SlowMoving(MarketFacts facts, DateTimeOffset now) =>
        facts.Items.Values.Where(i => _stats.IsSlowMoving(i, now)).Select(i => new Alert(
            AlertKind.SLOW_MOVING, Severity.INFO,
            $"Item {i.Snapshot.ItemId} has been listed for {(int)(now - i.Snapshot.ListedAt!.Value).TotalDays} days.",
            i.Snapshot.ListedAt!.Value + TimeSpan.FromDays(options.SlowMovingDays),
            i.Snapshot.ItemId, i.Snapshot.SellerId, i.Snapshot.CategoryId));

    private IEnumerable<Alert> PriceAnomalies(MarketFacts facts, DateTimeOffset now)
    {
        var watched = facts.Items.Values.Where(i => i.IsListed && i.Snapshot.HighValueCategory).ToList();
        if (watched.Count == 0) yield break;
        var references = new Dictionary<(string, Grade), PriceSuggestion>();
        foreach (var item in watched)
        {
            var snapshot = item.Snapshot;
            var key = (snapshot.CategoryId, snapshot.EffectiveGrade);
            if (!references.TryGetValue(key, out var reference))
            {
                // Reference of the item's own category (with its sub-categories), as Item.referencePrice shows it.
                var inCategory = facts.Orders.Values.Where(o => o.CategoryId == snapshot.CategoryId || o.CategoryPath.Contains(snapshot.CategoryId));
                reference = _prices.Calculate(snapshot.CategoryId, snapshot.EffectiveGrade, inCategory, now);
                references[key] = reference;
            }
            if (reference.Median is not { } median || median <= 0) continue;
            var ratio = snapshot.Price / median;
            if (ratio >= options.Alerts.PriceAnomalyRatio) continue;
            var severity = ratio < options.Alerts.PriceAnomalyCriticalRatio ? Severity.CRITICAL : Severity.WARNING;
            yield return new Alert(
                AlertKind.PRICE_ANOMALY, severity,
                string.Create(CultureInfo.InvariantCulture, $"Item {snapshot.ItemId} is priced {snapshot.Price:0.00}, {ratio:P0} of the reference {median:0.00}."),
                snapshot.ListedAt ?? now, snapshot.ItemId, snapshot.SellerId, snapshot.CategoryId);
        }
    }

    private static IEnumerable<Alert> SellersBelowStandard(MarketFacts facts) =>
        facts.Sellers.Where(s => s.Value.Level == SellerLevel.BELOW_STANDARD).Select(s => new Alert(
            AlertKind.SELLER_BELOW_STANDARD, Severity.WARNING, $"Seller {s.Key} fell below standard.", s.Value.At, SellerId: s.Key));

    // One alert per seller at the first moment their listings within the window reached the threshold.
    private IEnumerable<Alert> ListingBursts(MarketFacts facts)
    {
        var rule = options.Alerts;
        foreach (var seller in facts.Items.Values
                     .Where(i => i.Snapshot.ListedAt is not null)
                     .GroupBy(i => i.Snapshot.SellerId))
        {
            var times = seller.Select(i => i.Snapshot.ListedAt!.Value).Order().ToList();
            if (FirstBurst(times, rule.ListingBurstCount, rule.ListingBurstWindow) is { } at)
                yield return new Alert(AlertKind.LISTING_BURST, Severity.WARNING,
                    $"Seller {seller.Key} listed {rule.ListingBurstCount} items within {rule.ListingBurstWindow}.", at, SellerId: seller.Key);
        }
    }

    private IEnumerable<Alert> RepeatedCancellations(MarketFacts facts, DateTimeOffset now)
    {
        var rule = options.Alerts;
        var since = now - rule.CancellationWindow;
        var recent = facts.Orders.Values.Where(o => o.CancelledAt is { } at && at >= since && at <= now).ToList();
        foreach (var seller in recent.Where(o => o.CancelledBySeller).GroupBy(o => o.SellerId))
            if (seller.Count() >= rule.RepeatedCancellationCount)
                yield return new Alert(AlertKind.REPEATED_CANCELLATIONS, Severity.WARNING,
                    $"Seller {seller.Key} cancelled {seller.Count()} orders within {rule.CancellationWindow.TotalDays:0} days.",
                    seller.Max(o => o.CancelledAt!.Value), SellerId: seller.Key);
        foreach (var buyer in recent.Where(o => !o.CancelledBySeller).GroupBy(o => o.BuyerId))
            if (buyer.Count() >= rule.RepeatedCancellationCount)
                yield return new Alert(AlertKind.REPEATED_CANCELLATIONS, Severity.WARNING,
                    $"Buyer {buyer.Key} cancelled {buyer.Count()} orders within {rule.CancellationWindow.TotalDays:0} days.",
                    buyer.Max(o => o.CancelledAt!.Value));
    }

    internal static DateTimeOffset? FirstBurst(IReadOnlyList<DateTimeOffset> sortedTimes, int count, TimeSpan window)
    {
        if (count <= 0) return null;
        for (var end = count - 1; end < sortedTimes.Count; end++)
            if (sortedTimes[end] - sortedTimes[end - count + 1] <= window) return sortedTimes[end];
        return null;
    }
}
