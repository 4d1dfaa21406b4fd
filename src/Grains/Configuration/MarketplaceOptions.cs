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
    public MarketEventOptions Events { get; set; } = new();
    public RentalOptions Rentals { get; set; } = new();
    public MarkdownOptions Markdown { get; set; } = new();
    public OfferOptions Offers { get; set; } = new();
}

/// <summary><c>Marketplace:Markdown</c>: one auto-markdown step per period (docs/offers.md).</summary>
public sealed class MarkdownOptions
{
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);
}

/// <summary><c>Marketplace:Offers</c>.</summary>
public sealed class OfferOptions
{
    /// <summary>More offers than this from one buyer within an hour raise an OFFER_SPAM alert.</summary>
    public int SpamThreshold { get; set; } = 20;
}

/// <summary>Escrow deadlines, TimeSpan strings in configuration (e.g. <c>00:30:00</c>, <c>3.00:00:00</c>).</summary>
public sealed class DeadlineOptions
{
    public TimeSpan Payment { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ShipBy { get; set; } = TimeSpan.FromDays(3);
    public TimeSpan BuyerProtection { get; set; } = TimeSpan.FromDays(3);
    /// <summary>Time the inspector has to report once the order is INSPECTING; then the buyer is refunded (docs/orders.md).</summary>
    public TimeSpan InspectionDecision { get; set; } = TimeSpan.FromHours(48);
    /// <summary>Time the owner has to check a RETURNED rental; then it completes with no damage (docs/rentals.md).</summary>
    public TimeSpan RentalCheck { get; set; } = TimeSpan.FromDays(2);
    /// <summary>An open offer expires this long after it was made or last countered.</summary>
    public TimeSpan Offer { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Retries of market events whose publish failed (they wait in the grain's persisted outbox meanwhile).</summary>
public sealed class MarketEventOptions
{
    /// <summary>First retry this long after a failed publish.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Then every this long until published: a reminder period, so at least the runtime's minimum (1 min by default).</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
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

/// <summary>The <c>Marketplace:Rentals</c> section (contract "Rentals", docs/rentals.md).</summary>
public sealed class RentalOptions
{
    /// <summary>Length of one rental day: due = start + days × DayLength (tests shorten it).</summary>
    public TimeSpan DayLength { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Lateness forgiven before the late fee counts whole days.</summary>
    public TimeSpan ReturnGrace { get; set; } = TimeSpan.FromHours(1);
    /// <summary>A renter whose trust score is at least this has the deposit waived.</summary>
    public int DepositWaiverScore { get; set; } = 650;
}
