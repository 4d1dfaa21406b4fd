using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Tests.Analytics;

/// <summary>Hand-built events for tests: items and orders that keep their own version counters.</summary>
internal sealed class MarketEventBuilder(DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;
    public List<MarketEvent> Events { get; } = [];
    private readonly Dictionary<string, ItemSnapshot> _items = [];
    private readonly Dictionary<string, OrderSnapshot> _orders = [];

    public DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    public ItemSnapshot List(string itemId, decimal price, double daysAgo, Grade grade = Grade.GOOD, string category = "phones",
        string region = "north", string seller = "s1", string[]? path = null, bool highValue = false, string title = "Phone", string description = "")
    {
        var at = DaysAgo(daysAgo);
        var item = new ItemSnapshot(itemId, 1, seller, category, path ?? ["electronics", category], region, title, description,
            grade, null, price, ItemStatus.LISTED, at, null, 0, 0, highValue);
        _items[itemId] = item;
        Events.Add(new ItemListed(item, at));
        return item;
    }

    public ItemSnapshot Change(string itemId, double daysAgo, Func<ItemSnapshot, ItemSnapshot> change, Func<ItemSnapshot, DateTimeOffset, ItemEvent> toEvent)
    {
        var item = change(_items[itemId]) with { Version = _items[itemId].Version + 1 };
        _items[itemId] = item;
        Events.Add(toEvent(item, DaysAgo(daysAgo)));
        return item;
    }

    public void View(string itemId, double daysAgo) =>
        Change(itemId, daysAgo, i => i with { Views = i.Views + 1 }, (i, at) => new ItemViewed(i, at));

    public void Delist(string itemId, double daysAgo) =>
        Change(itemId, daysAgo, i => i with { Status = ItemStatus.DELISTED }, (i, at) => new ItemDelisted(i, at));

    public void ChangePrice(string itemId, decimal price, double daysAgo) =>
        Change(itemId, daysAgo, i => i with { Price = price }, (i, at) => new ItemPriceChanged(i, at, _items[itemId].Price, PriceChangeReason.SELLER_CHANGE));

    /// <summary>Places and pays an order for the item (item RESERVED).</summary>
    public OrderSnapshot Order(string orderId, string itemId, double placedDaysAgo, string buyer = "b1")
    {
        var item = _items[itemId];
        var placed = DaysAgo(placedDaysAgo);
        var order = new OrderSnapshot(orderId, 1, itemId, buyer, item.SellerId, item.CategoryId, item.CategoryPath, item.RegionId,
            item.EffectiveGrade, item.Price, OrderStatus.AWAITING_PAYMENT, false, placed, item.ListedAt,
            null, null, null, null, null, null, false, 0m, null, null);
        _orders[orderId] = order;
        Events.Add(new OrderPlaced(order, placed));
        Change(itemId, placedDaysAgo, i => i with { Status = ItemStatus.RESERVED }, (i, at) => new ItemReserved(i, at, orderId));
        return UpdateOrder(orderId, placedDaysAgo, o => o with { Status = OrderStatus.PAID, PaidAt = placed }, (o, at) => new OrderPaid(o, at));
    }

    public OrderSnapshot UpdateOrder(string orderId, double daysAgo, Func<OrderSnapshot, OrderSnapshot> change, Func<OrderSnapshot, DateTimeOffset, OrderEvent> toEvent)
    {
        var order = change(_orders[orderId]) with { Version = _orders[orderId].Version + 1 };
        _orders[orderId] = order;
        Events.Add(toEvent(order, DaysAgo(daysAgo)));
        return order;
    }

    public void Deliver(string orderId, double daysAgo) =>
        UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.DELIVERED, DeliveredAt = DaysAgo(daysAgo) }, (o, at) => new OrderDelivered(o, at));

    public void Dispute(string orderId, double daysAgo) =>
        UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.DISPUTED, DisputedAt = DaysAgo(daysAgo) }, (o, at) => new OrderDisputed(o, at));

    public void Inspect(string orderId, double daysAgo, bool passed) =>
        UpdateOrder(orderId, daysAgo, o => o with { InspectionReportedAt = DaysAgo(daysAgo), InspectionPassed = passed, WithInspection = true },
            (o, at) => new InspectionReported(o, at, passed, o.Grade));

    /// <summary>Received by the inspection centre: a status change no figure depends on (published as OrderStatusChanged).</summary>
    public void ReceiveForInspection(string orderId, double daysAgo) =>
        UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.INSPECTING, WithInspection = true }, (o, at) => new OrderStatusChanged(o, at));

    /// <summary>Delivers (if not yet) and completes; the item becomes SOLD.</summary>
    public void Complete(string orderId, double daysAgo, decimal refunded = 0m)
    {
        if (_orders[orderId].DeliveredAt is null) Deliver(orderId, daysAgo);
        var order = UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.COMPLETED, CompletedAt = DaysAgo(daysAgo), RefundedAmount = refunded },
            (o, at) => new OrderCompleted(o, at));
        Change(order.ItemId, daysAgo, i => i with { Status = ItemStatus.SOLD, SoldAt = DaysAgo(daysAgo) }, (i, at) => new ItemSold(i, at, orderId));
    }

    public void Refund(string orderId, double daysAgo)
    {
        var order = UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.REFUNDED, RefundedAt = DaysAgo(daysAgo), RefundedAmount = o.Price },
            (o, at) => new OrderRefunded(o, at));
        Change(order.ItemId, daysAgo, i => i with { Status = ItemStatus.LISTED }, (i, at) => new ItemRelisted(i, at, orderId));
    }

    public void Cancel(string orderId, double daysAgo, bool bySeller)
    {
        var order = UpdateOrder(orderId, daysAgo, o => o with { Status = OrderStatus.CANCELLED, CancelledAt = DaysAgo(daysAgo), CancelledBySeller = bySeller },
            (o, at) => new OrderCancelled(o, at));
        Change(order.ItemId, daysAgo, i => i with { Status = ItemStatus.LISTED }, (i, at) => new ItemRelisted(i, at, orderId));
    }

    /// <summary>A completed sale in one go: list, order, complete.</summary>
    public void Sale(string id, decimal price, double listedDaysAgo, double soldDaysAgo, Grade grade = Grade.GOOD, string category = "phones",
        string region = "north", string seller = "s1", decimal refunded = 0m)
    {
        List(id, price, listedDaysAgo, grade, category, region, seller);
        Order("o-" + id, id, soldDaysAgo);
        Complete("o-" + id, soldDaysAgo, refunded);
    }

    public MarketFacts Facts()
    {
        var facts = new MarketFacts();
        foreach (var e in Events) MarketFactsApplier.Apply(facts, e);
        return facts;
    }
}
