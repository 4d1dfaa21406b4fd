using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Analytics;

/// <summary>Applies market events to <see cref="MarketFacts"/> exactly once per (source, sequence).</summary>
public static class MarketFactsApplier
{
    /// <summary>True when the event was new and changed the facts; duplicates and replays return false.</summary>
    /// <param name="changes">When given, receives the fact rows the event changed (for the next write).</param>
    public static bool Apply(MarketFacts facts, MarketEvent marketEvent, MarketFactChanges? changes = null)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        Validate(marketEvent);
        var trackerKey = TrackerKey(marketEvent);
        if (!facts.Applied.TryGetValue(trackerKey, out var tracker))
        {
            tracker = new SequenceTracker();
            facts.Applied[trackerKey] = tracker;
        }
        if (!tracker.TryMarkApplied(marketEvent.Sequence)) return false;
        // The fact's row holds its tracker, so it is rewritten even when an older snapshot changes nothing else.
        changes?.Keys.Add(trackerKey);

        switch (marketEvent)
        {
            case ItemEvent itemEvent:
                ApplyItem(facts, itemEvent);
                if (itemEvent is ItemViewed) changes?.Views.Add(new ViewFact(itemEvent.Item.ItemId, itemEvent.Sequence, itemEvent.At));
                if (itemEvent is ItemOfferChanged offerChanged) OfferFigures.Apply(facts, offerChanged.Offer, changes);
                break;
            case OrderEvent orderEvent:
                // Newest snapshot wins: an older event arriving late never rolls the order back.
                if (!facts.Orders.TryGetValue(orderEvent.Order.OrderId, out var known) || known.Version < orderEvent.Order.Version)
                    facts.Orders[orderEvent.Order.OrderId] = orderEvent.Order;
                break;
            case SellerLevelChanged levelChanged:
                if (!facts.Sellers.TryGetValue(levelChanged.SellerId, out var seller) || seller.Version < levelChanged.Version)
                    facts.Sellers[levelChanged.SellerId] = new SellerFact { Version = levelChanged.Version, Level = levelChanged.Level, At = levelChanged.At };
                break;
            case SelfPurchaseAttempted attempt:
                facts.SelfPurchaseAttempts[attempt.AttemptId] = attempt;
                break;
            case Interfaces.Rentals.RentalChanged rentalChanged:
                RentalFigures.Apply(facts, rentalChanged);
                break;
            default:
                throw new ArgumentException($"Unknown market event {marketEvent.GetType().Name}.", nameof(marketEvent));
        }
        return true;
    }

    /// <summary>
    /// Figures never read the price history, title or description: keeping them would grow every aggregate's
    /// memory and rows per price change and by the seller's text.
    /// </summary>
    internal static ItemSnapshot Slim(ItemSnapshot item) =>
        item.PriceHistory.Count == 0 && item.Title.Length == 0 && item.Description.Length == 0
            ? item
            : item with { PriceHistory = [], Title = "", Description = "" };

    private static void ApplyItem(MarketFacts facts, ItemEvent itemEvent)
    {
        if (!facts.Items.TryGetValue(itemEvent.Item.ItemId, out var fact))
        {
            fact = new ItemFact { Snapshot = Slim(itemEvent.Item) };
            facts.Items[itemEvent.Item.ItemId] = fact;
        }
        else if (fact.Snapshot.Version < itemEvent.Item.Version)
        {
            fact.Snapshot = Slim(itemEvent.Item);
        }
        if (itemEvent is ItemViewed)
        {
            var index = fact.ViewTimes.BinarySearch(itemEvent.At);
            fact.ViewTimes.Insert(index < 0 ? ~index : index, itemEvent.At);
        }
    }

    internal static string TrackerKey(MarketEvent marketEvent) => marketEvent switch
    {
        ItemEvent => MarketFactRows.ItemPrefix + marketEvent.SourceId,
        OrderEvent => MarketFactRows.OrderPrefix + marketEvent.SourceId,
        SellerLevelChanged => MarketFactRows.SellerPrefix + marketEvent.SourceId,
        SelfPurchaseAttempted => MarketFactRows.AttemptPrefix + marketEvent.SourceId,
        Interfaces.Rentals.RentalChanged => MarketFactRows.RentalPrefix + marketEvent.SourceId,
        _ => throw new ArgumentException($"Unknown market event {marketEvent.GetType().Name}.", nameof(marketEvent)),
    };

    // Bad input is refused before anything changes.
    private static void Validate(MarketEvent marketEvent)
    {
        if (string.IsNullOrWhiteSpace(marketEvent.SourceId)) throw new ArgumentException("A market event needs a source id.", nameof(marketEvent));
        if (marketEvent.Sequence <= 0) throw new ArgumentException($"Sequence must start at 1 (got {marketEvent.Sequence}).", nameof(marketEvent));
        switch (marketEvent)
        {
            case ItemEvent { Item: var item }:
                if (item.Price < 0) throw new ArgumentException($"Item {item.ItemId} has a negative price.", nameof(marketEvent));
                if (string.IsNullOrWhiteSpace(item.CategoryId) || string.IsNullOrWhiteSpace(item.RegionId))
                    throw new ArgumentException($"Item {item.ItemId} needs a category and a region.", nameof(marketEvent));
                break;
            case OrderEvent { Order: var order }:
                if (order.Price < 0 || order.RefundedAmount < 0 || order.RefundedAmount > order.Price)
                    throw new ArgumentException($"Order {order.OrderId} has an invalid price or refund.", nameof(marketEvent));
                break;
        }
    }
}
