using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Interfaces.OrderLists;

/// <summary>
/// One order as the order lists hold it: what they filter and sort by, plus the few fields an Order node
/// can answer without its grain (id, status, price, withInspection and the item / buyer / seller ids).
/// Built from the snapshot every order market event carries; <paramref name="Version"/> is the order's
/// version (the event's Sequence), so the newest row wins however events are duplicated or reordered.
/// </summary>
/// <param name="CategoryPath">Ancestor categories root first, ending with the order's category: a category filter includes sub-categories.</param>
/// <param name="CreatedAt">placeOrder's time: lists are newest first by it, and it never changes for an order.</param>
/// <param name="UpdatedAt">When the change this row reflects happened (the event's time).</param>
[GenerateSerializer, Immutable, Alias("mp.orderlists.OrderListRow")]
public sealed record OrderListRow(
    string OrderId,
    long Version,
    OrderStatus Status,
    string BuyerId,
    string SellerId,
    string ItemId,
    string CategoryId,
    IReadOnlyList<string> CategoryPath,
    string RegionId,
    bool WithInspection,
    decimal Price,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderListRow From(OrderSnapshot order, DateTimeOffset at) => new(
        order.OrderId, order.Version, order.Status, order.BuyerId, order.SellerId, order.ItemId, order.CategoryId,
        order.CategoryPath ?? [], order.RegionId, order.WithInspection, order.Price, order.PlacedAt, at);

    public bool InCategory(string categoryId) =>
        string.Equals(CategoryId, categoryId, StringComparison.Ordinal) || CategoryPath.Contains(categoryId, StringComparer.Ordinal);
}
