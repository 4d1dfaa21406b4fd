using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Everything an aggregate knows, built from market events: the newest snapshot per item and order,
/// per-view times, seller levels, self-purchase attempts and which sequences were applied.
/// Figures are computed from it on demand, so they never depend on delivery order.
/// This is the persisted grain state (mutable for the serializer; only <see cref="MarketFactsApplier"/> changes it).
/// </summary>
public sealed class MarketFacts
{
    public Dictionary<string, ItemFact> Items { get; set; } = [];
    public Dictionary<string, OrderSnapshot> Orders { get; set; } = [];
    public Dictionary<string, SellerFact> Sellers { get; set; } = [];
    public Dictionary<string, SelfPurchaseAttempted> SelfPurchaseAttempts { get; set; } = [];

    /// <summary>Risk alerts reported directly by the write side (platform dashboard only), by content key.</summary>
    public Dictionary<string, RiskAlert> RiskAlerts { get; set; } = [];

    /// <summary>Key: "item:id", "order:id", "seller:id" or "attempt:id" (ids of different kinds may coincide).</summary>
    public Dictionary<string, SequenceTracker> Applied { get; set; } = [];
}

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
