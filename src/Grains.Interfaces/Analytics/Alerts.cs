namespace Marketplace.Grains.Interfaces.Analytics;

public enum AlertKind { SlowMoving, PriceAnomaly, SellerBelowStandard, SelfDealing, ListingBurst, RepeatedCancellations }

public enum Severity { Info, Warning, Critical }

/// <summary>A dashboard alert; the ids point at what it is about (any may be null).</summary>
public sealed record Alert(
    AlertKind Kind,
    Severity Severity,
    string Message,
    DateTimeOffset At,
    string? ItemId = null,
    string? SellerId = null,
    string? CategoryId = null);

/// <summary>A category or region ranked on the dashboard (GMV and sales of the last 30 days).</summary>
public sealed record MarketRanking(string Id, decimal Gmv, int Sold);
