namespace Marketplace.Grains.Configuration;

/// <summary>The <c>Marketplace</c> configuration section.</summary>
public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>Platform fee as a fraction of the price (0.05 = 5 %).</summary>
    public decimal FeeRate { get; set; } = 0.05m;
    public DeadlineOptions Deadlines { get; set; } = new();
    /// <summary>Items LISTED longer than this are slow-moving (read side).</summary>
    public int SlowMovingDays { get; set; } = 60;
    public PricingOptions Pricing { get; set; } = new();
}

/// <summary>Escrow deadlines, TimeSpan strings in configuration (e.g. <c>00:30:00</c>, <c>3.00:00:00</c>).</summary>
public sealed class DeadlineOptions
{
    public TimeSpan Payment { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ShipBy { get; set; } = TimeSpan.FromDays(3);
    public TimeSpan BuyerProtection { get; set; } = TimeSpan.FromDays(3);
}

public sealed class PricingOptions
{
    /// <summary>Sales needed at one grade before its own reference price is used.</summary>
    public int MinSample { get; set; } = 5;
}

/// <summary>The <c>Auth</c> configuration section (the admin token itself is checked by the gateway).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);
    public string? AdminToken { get; set; }
}
