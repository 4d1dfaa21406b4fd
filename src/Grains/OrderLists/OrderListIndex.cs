using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;

namespace Marketplace.Grains.OrderLists;

/// <summary>
/// Every order's newest row in memory, answering the order lists: newest first by creation, keyset cursors,
/// total count of the whole filtered set. Besides the list of all orders it keeps one per seller and one per
/// buyer (Seller.sales, Buyer.purchases and their filters walk only their own orders) and counters per
/// (status, withInspection), so the operator's and inspector's status lists count without a scan. Writes
/// keep the newest version per order, so duplicated or shuffled rows never regress one. Not thread-safe:
/// one owner (a grain).
/// </summary>
internal sealed class OrderListIndex
{
    private readonly Dictionary<string, OrderListRow> _rows = new(StringComparer.Ordinal);
    private readonly SortedOrderKeys _all = new();
    private readonly Dictionary<string, SortedOrderKeys> _bySeller = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedOrderKeys> _byBuyer = new(StringComparer.Ordinal);
    private readonly int[,] _counts = new int[Enum.GetValues<OrderStatus>().Length, 2];

    public int Count => _rows.Count;

    public OrderListRow? Get(string orderId) => _rows.GetValueOrDefault(orderId);

    /// <summary>A stored row (rebuilding from the projection): appended unsorted, sorted once on first use.</summary>
    public void Load(OrderListRow row) => Put(row, bulk: true);

    /// <summary>Takes the row unless the same or a newer version of the order is held. True when it changed.</summary>
    public bool Apply(OrderListRow row) => Put(row, bulk: false);

    private bool Put(OrderListRow row, bool bulk)
    {
        OrderListFilter.Validate(row);
        var key = OrderListKey.Of(row);
        if (_rows.TryGetValue(row.OrderId, out var previous))
        {
            if (previous.Version >= row.Version) return false;
            Tally(previous, -1);
            // An order's creation, buyer and seller never change; should a row disagree, it moves rather than lingers.
            var previousKey = OrderListKey.Of(previous);
            if (previousKey != key || previous.SellerId != row.SellerId || previous.BuyerId != row.BuyerId)
            {
                _all.Remove(previousKey);
                _bySeller[previous.SellerId].Remove(previousKey);
                _byBuyer[previous.BuyerId].Remove(previousKey);
                previous = null;
            }
        }
        _rows[row.OrderId] = row;
        Tally(row, +1);
        if (previous is null)
        {
            Add(_all, key, bulk);
            Add(List(_bySeller, row.SellerId), key, bulk);
            Add(List(_byBuyer, row.BuyerId), key, bulk);
        }
        return true;
    }

    public OrderListPage Query(OrderListQuery query)
    {
        var filter = new OrderListFilter(query);
        OrderListKey? cursor = query.After is null ? null : OrderListKey.Decode(query.After);
        // The narrowest list that holds every match: a buyer's or a seller's own orders, else all.
        var source = query.BuyerId is { } buyerId ? _byBuyer.GetValueOrDefault(buyerId)
            : query.SellerId is { } sellerId ? _bySeller.GetValueOrDefault(sellerId)
            : _all;
        if (source is null) return OrderListPage.Empty(cursor is not null);

        var total = CountMatches(filter, source);
        var edges = new List<OrderListEdge>(Math.Min(query.First, 32));
        var hasNext = false;
        // Without a cursor the walk can stop once it met every match: a rare status never walks the whole list.
        var unmet = cursor is null ? total : int.MaxValue;
        for (var i = cursor is { } after ? source.LastBefore(after) : source.Count - 1; i >= 0 && unmet > 0; i--)
        {
            var key = source[i];
            var row = _rows[key.OrderId];
            if (!filter.Matches(row)) continue;
            if (edges.Count == query.First) { hasNext = true; break; }
            edges.Add(new OrderListEdge(key.Encode(), row));
            unmet--;
        }
        return new OrderListPage(edges, total, hasNext, cursor is not null);
    }

    private int CountMatches(OrderListFilter filter, SortedOrderKeys source)
    {
        if (filter.CountedByStatus)
        {
            var total = 0;
            for (var status = 0; status < _counts.GetLength(0); status++)
            {
                if (!filter.WantsStatus((OrderStatus)status)) continue;
                if (filter.WantsInspection(false)) total += _counts[status, 0];
                if (filter.WantsInspection(true)) total += _counts[status, 1];
            }
            return total;
        }
        var count = 0;
        for (var i = 0; i < source.Count; i++)
            if (filter.Matches(_rows[source[i].OrderId])) count++;
        return count;
    }

    private void Tally(OrderListRow row, int delta) => _counts[(int)row.Status, row.WithInspection ? 1 : 0] += delta;

    private static SortedOrderKeys List(Dictionary<string, SortedOrderKeys> lists, string id)
    {
        if (!lists.TryGetValue(id, out var list)) lists[id] = list = new SortedOrderKeys();
        return list;
    }

    private static void Add(SortedOrderKeys list, OrderListKey key, bool bulk)
    {
        if (bulk) list.Append(key);
        else list.Insert(key);
    }
}
