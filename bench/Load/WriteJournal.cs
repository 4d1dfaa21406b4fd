using System.Collections.Concurrent;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Load;

/// <summary>A user of the run: its id, bearer token and its place in the user list.</summary>
public sealed record MarketUser(int Index, string Id, string Token);

/// <summary>
/// One placeOrder (or makeOffer) idempotency key of one buyer and the furthest status the gateway acknowledged for it.
/// The order id is the one the gateway derives from (buyer, key), or for a bargain from the offer the key names, so an
/// order whose placement was never answered can still be looked up.
/// </summary>
public sealed class OrderTrack(string buyerId, string key, string itemId, decimal price, bool viaOffer = false)
{
    private readonly Lock _lock = new();
    private string? _acknowledged;

    public string BuyerId { get; } = buyerId;
    public string Key { get; } = key;
    public string ItemId { get; } = itemId;
    public decimal Price { get; } = price;
    /// <summary>The order comes from an accepted offer (makeOffer with the key, then the seller's ACCEPT).</summary>
    public bool ViaOffer { get; } = viaOffer;
    public string OrderId { get; } = viaOffer ? OfferIds.OrderFor(OfferIds.ForOffer(buyerId, key)) : OrderIds.ForPlacement(buyerId, key);

    /// <summary>The furthest status a mutation's answer showed; null when placeOrder was never acknowledged.</summary>
    public string? Acknowledged
    {
        get { lock (_lock) return _acknowledged; }
    }

    public void Acknowledge(string status)
    {
        lock (_lock)
            if (_acknowledged is null || OrderStatuses.Rank(status) > OrderStatuses.Rank(_acknowledged)) _acknowledged = status;
    }
}

/// <summary>The order statuses the load drives orders through, in order.</summary>
public static class OrderStatuses
{
    private static readonly string[] Path = ["AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED", "COMPLETED"];

    /// <summary>Position on the load's path; -1 for a status the load never asks for (CANCELLED, REFUNDED, inspection).</summary>
    public static int Rank(string status) => Array.IndexOf(Path, status);

    /// <summary>Whether the order holds its item (RESERVED or SOLD): any status but CANCELLED and REFUNDED.</summary>
    public static bool HoldsItem(string status) => status is not ("CANCELLED" or "REFUNDED");
}

/// <summary>Every write the run attempted and what the gateway acknowledged, for the checks after the traffic.</summary>
public sealed class WriteJournal
{
    private readonly ConcurrentQueue<OrderTrack> _orders = new();
    private readonly ConcurrentQueue<string> _listedItems = new();
    private int _listingsUnanswered;

    public IReadOnlyList<OrderTrack> Orders => _orders.ToArray();

    /// <summary>Items whose listItem was acknowledged.</summary>
    public IReadOnlyList<string> ListedItems => _listedItems.ToArray();

    /// <summary>listItem calls that failed without a business answer: each may or may not have listed an item (listItem has no idempotency key).</summary>
    public int ListingsUnanswered => Volatile.Read(ref _listingsUnanswered);

    public OrderTrack OrderAttempted(string buyerId, string key, string itemId, decimal price, bool viaOffer = false)
    {
        var track = new OrderTrack(buyerId, key, itemId, price, viaOffer);
        _orders.Enqueue(track);
        return track;
    }

    public void Listed(string itemId) => _listedItems.Enqueue(itemId);

    public void ListingUnanswered() => Interlocked.Increment(ref _listingsUnanswered);
}

/// <summary>An item a buyer may order: listed by <paramref name="SellerIndex"/>'s user at <paramref name="Price"/>.</summary>
public sealed record PooledItem(string ItemId, int SellerIndex, decimal Price);

/// <summary>
/// Listed items not yet ordered by anyone in the run; buyers take one at random (never their own). A stock is kept
/// back so browsing always finds LISTED items, as in a live market, rather than buyers emptying the shelves.
/// </summary>
public sealed class ItemPool
{
    private const int Stock = 40;

    private readonly Lock _lock = new();
    private readonly List<PooledItem> _items = [];

    public void Add(PooledItem item)
    {
        lock (_lock) _items.Add(item);
    }

    public PooledItem? TakeNotListedBy(int buyerIndex, Random random)
    {
        lock (_lock)
        {
            for (var attempt = 0; attempt < 8 && _items.Count > Stock; attempt++)
            {
                var index = random.Next(_items.Count);
                if (_items[index].SellerIndex == buyerIndex) continue;
                var item = _items[index];
                _items[index] = _items[^1];
                _items.RemoveAt(_items.Count - 1);
                return item;
            }
            return null;
        }
    }

    public string? AnyItemId(Random random)
    {
        lock (_lock) return _items.Count == 0 ? null : _items[random.Next(_items.Count)].ItemId;
    }
}
