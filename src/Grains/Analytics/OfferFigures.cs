using System.Globalization;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Offers;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Offer facts and figures (contract "Figures": MarketStats.offers, OFFER_SPAM). Offers reach the aggregates inside their
/// item's events (<see cref="ItemOfferChanged"/>), so they are routed to the item's categories, region and the platform,
/// and the item's sequence tracker applies each event once. Per offer the newest version wins, so duplicated or
/// shuffled delivery ends in the same facts.
/// </summary>
public static class OfferFigures
{
    private static readonly TimeSpan SpamWindow = TimeSpan.FromHours(1);

    public static void Apply(MarketFacts facts, OfferView offer, MarketFactChanges? changes)
    {
        if (facts.Offers.TryGetValue(offer.Id, out var known) && known.Version >= offer.Version) return;
        // Figures read no text: the message and display name would only grow every aggregate's rows.
        facts.Offers[offer.Id] = offer with { Message = null, BuyerDisplayName = "" };
        changes?.Keys.Add(MarketFactRows.OfferPrefix + offer.Id);
    }

    /// <summary>Offers made (created) in the window and what became of them.</summary>
    public static OfferStats Stats(MarketFacts facts, Func<DateTimeOffset, bool> inWindow)
    {
        var made = facts.Offers.Values.Where(o => inWindow(o.CreatedAt)).ToList();
        var accepted = made.Where(o => o.Status == OfferStatus.ACCEPTED).ToList();
        var decided = accepted.Count + made.Count(o => o.Status is OfferStatus.DECLINED or OfferStatus.EXPIRED);
        return new OfferStats(
            made.Count,
            accepted.Count,
            decided == 0 ? 0 : (double)accepted.Count / decided,
            accepted.Count == 0 ? null : accepted.Average(o => o.ListPrice <= 0 ? 0 : (double)(1 - o.AgreedAmount / o.ListPrice)));
    }

    /// <summary>One OFFER_SPAM alert per buyer, at the first offer that made more than the threshold within an hour.</summary>
    public static IEnumerable<Alert> SpamAlerts(MarketFacts facts, int threshold)
    {
        foreach (var buyer in facts.Offers.Values.GroupBy(o => o.BuyerId))
        {
            var times = buyer.Select(o => o.CreatedAt).Order().ToList();
            if (AlertDetector.FirstBurst(times, threshold + 1, SpamWindow) is { } at)
                yield return new Alert(AlertKind.OFFER_SPAM, Severity.WARNING,
                    string.Create(CultureInfo.InvariantCulture, $"Buyer {buyer.Key} made more than {threshold} offers within an hour."), at);
        }
    }
}
