using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Trust;

public sealed record SaleRecord(string OrderId, decimal Price, decimal Refunded, double? DaysToSell, DateTimeOffset At);

public sealed class SellerState
{
    public SellerCounters Counters { get; set; } = new();
    /// <summary>Latest status of every item the seller listed.</summary>
    public Dictionary<string, ItemStatus> Items { get; set; } = [];
    public List<SaleRecord> Sales { get; set; } = [];
    public List<DateTimeOffset> SellerCancellationTimes { get; set; } = [];
    /// <summary>"orderId:kind" already applied, so a retried notification counts once.</summary>
    public HashSet<string> AppliedFacts { get; set; } = [];
    /// <summary>Level last published (a new seller is ABOVE_STANDARD) and the seller's event version.</summary>
    public SellerLevel Level { get; set; } = SellerLevel.ABOVE_STANDARD;
    public long Version { get; set; }
    /// <summary>Level-change events written with the change and not yet known to be published (outbox).</summary>
    public List<Marketplace.Grains.Interfaces.Analytics.MarketEvent> Outbox { get; set; } = [];
    /// <summary>Rentals of the seller's items (SellerGrain.Rentals.cs).</summary>
    public SellerRentalCounters Rentals { get; set; } = new();
}
