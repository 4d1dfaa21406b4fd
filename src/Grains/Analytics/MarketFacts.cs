using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Everything an aggregate knows, built from market events: the newest snapshot per item and order,
/// per-view times, seller levels, self-purchase attempts and which sequences were applied.
/// Figures are computed from it on demand, so they never depend on delivery order.
/// The aggregate grains hold it in memory; it is persisted as one row per fact (<see cref="MarketFactRows"/>,
/// table aggregate_facts), each written only when an event changes it. Only <see cref="MarketFactsApplier"/>
/// (and <see cref="MarketFactRows"/> when loading) change it.
/// </summary>
public sealed class MarketFacts
{
    public Dictionary<string, ItemFact> Items { get; set; } = [];
    public Dictionary<string, OrderSnapshot> Orders { get; set; } = [];
    public Dictionary<string, SellerFact> Sellers { get; set; } = [];
    public Dictionary<string, SelfPurchaseAttempted> SelfPurchaseAttempts { get; set; } = [];
    /// <summary>Newest snapshot per rental (RentalFigures).</summary>
    public Dictionary<string, Interfaces.Rentals.RentalSnapshot> Rentals { get; set; } = [];
    /// <summary>The newest version of every offer, from the items' offer events (<see cref="OfferFigures"/>).</summary>
    public Dictionary<string, OfferView> Offers { get; set; } = [];

    /// <summary>Key: "item:id", "order:id", "seller:id" or "attempt:id" (ids of different kinds may coincide); the fact's row key too.</summary>
    public Dictionary<string, SequenceTracker> Applied { get; set; } = [];
}

/// <summary>
/// What events changed since the last write: the keys of the fact rows to rewrite from memory and the
/// views to add (one row each, written once). Filled by <see cref="MarketFactsApplier"/>.
/// </summary>
public sealed class MarketFactChanges
{
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    public List<ViewFact> Views { get; } = [];
    public bool IsEmpty => Keys.Count == 0 && Views.Count == 0;
}

/// <summary>One applied view: the item, the item version the view produced, and when it happened.</summary>
public readonly record struct ViewFact(string ItemId, long Sequence, DateTimeOffset At);

public sealed class ItemFact
{
    public required ItemSnapshot Snapshot { get; set; }

    /// <summary>Times of the views applied, ascending (windowed view counts need them).</summary>
    public List<DateTimeOffset> ViewTimes { get; set; } = [];

    public bool IsListed => Snapshot.Status == ItemStatus.LISTED;
}

public sealed class SellerFact
{
    public long Version { get; set; }
    public SellerLevel Level { get; set; }
    public DateTimeOffset At { get; set; }
}
