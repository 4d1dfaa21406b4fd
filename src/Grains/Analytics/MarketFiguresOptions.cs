namespace Marketplace.Grains.Analytics;

/// <summary>Figure settings, bound from the "Marketplace" configuration section.</summary>
public sealed class MarketFiguresOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>Items LISTED longer than this count as slow-moving (`Marketplace:SlowMovingDays`).</summary>
    public int SlowMovingDays { get; set; } = 60;

    public PricingOptions Pricing { get; set; } = new();

    public AlertOptions Alerts { get; set; } = new();

    /// <summary>`Marketplace:Offers` (the same keys the offer grains read).</summary>
    public OfferFigureOptions Offers { get; set; } = new();
}

public sealed class OfferFigureOptions
{
    /// <summary>More offers than this by one buyer within an hour is OFFER_SPAM (`Marketplace:Offers:SpamThreshold`).</summary>
    public int SpamThreshold { get; set; } = 20;
}

/// <summary>`Marketplace:Pricing`.</summary>
public sealed class PricingOptions
{
    /// <summary>Fewer sales than this at a grade: other grades are converted by grade factors.</summary>
    public int MinSample { get; set; } = 5;

    /// <summary>Completed sales of this many days count for reference prices.</summary>
    public int ReferenceDays { get; set; } = 90;

    /// <summary>Share of the sample dropped at each end before percentiles, once the sample has at least <see cref="TrimMinSample"/> prices.</summary>
    public decimal TrimFraction { get; set; } = 0.10m;

    public int TrimMinSample { get; set; } = 10;
}

/// <summary>`Marketplace:Alerts`.</summary>
public sealed class AlertOptions
{
    /// <summary>A LISTED price below this share of the reference (in a high-value category) is a PRICE_ANOMALY warning.</summary>
    public decimal PriceAnomalyRatio { get; set; } = 0.5m;

    /// <summary>Below this share it is critical.</summary>
    public decimal PriceAnomalyCriticalRatio { get; set; } = 0.3m;

    /// <summary>This many listings by one seller within <see cref="ListingBurstWindow"/> is a LISTING_BURST.</summary>
    public int ListingBurstCount { get; set; } = 10;

    public TimeSpan ListingBurstWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>This many cancellations by one seller (or one buyer) within <see cref="CancellationWindow"/> is REPEATED_CANCELLATIONS.</summary>
    public int RepeatedCancellationCount { get; set; } = 3;

    public TimeSpan CancellationWindow { get; set; } = TimeSpan.FromDays(30);
}
