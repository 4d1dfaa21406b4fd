namespace Marketplace.Grains.Interfaces.Trust;

/// <summary>A risk flag raised by the write side (SELF_DEALING, REPEATED_CANCELLATIONS) for the read side's dashboard.</summary>
[GenerateSerializer, Immutable, Alias("mp.trust.RiskAlert")]
public sealed record RiskAlert(
    AlertKind Kind, Severity Severity, string Message, DateTimeOffset At,
    string? ItemId = null, string? SellerId = null, string? CategoryId = null, string? BuyerId = null);
