namespace Marketplace.Grains.Interfaces.Analytics;

// AlertKind and Severity are the shared enums in Common/Enums.cs.

/// <summary>A dashboard alert; the ids point at what it is about (any may be null).</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.Alert")]
public sealed record Alert(
    AlertKind Kind,
    Severity Severity,
    string Message,
    DateTimeOffset At,
    string? ItemId = null,
    string? SellerId = null,
    string? CategoryId = null);

/// <summary>A category or region ranked on the dashboard (GMV and sales of the last 30 days).</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.MarketRanking")]
public sealed record MarketRanking(string Id, decimal Gmv, int Sold);
