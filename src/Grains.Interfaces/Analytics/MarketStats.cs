using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Interfaces.Analytics;

[GenerateSerializer, Alias("mp.analytics.StatsWindow")]
public enum StatsWindow { Days7, Days30, Days90, AllTime }

public static class StatsWindowExtensions
{
    /// <summary>Length of the window, null for all time.</summary>
    public static TimeSpan? Length(this StatsWindow window) => window switch
    {
        StatsWindow.Days7 => TimeSpan.FromDays(7),
        StatsWindow.Days30 => TimeSpan.FromDays(30),
        StatsWindow.Days90 => TimeSpan.FromDays(90),
        StatsWindow.AllTime => null,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown stats window."),
    };
}

/// <summary>What to compute. <paramref name="PriceBandBounds"/>: ascending, non-negative (the category's priceBandBounds; empty gives one band).</summary>
/// <param name="DailyDays">How many UTC days the daily series covers, ending today (0..3660).</param>
[GenerateSerializer, Immutable, Alias("mp.analytics.StatsQuery")]
public sealed record StatsQuery(StatsWindow Window, IReadOnlyList<decimal>? PriceBandBounds = null, int DailyDays = 30);

/// <summary>Figures of a category (with sub-categories), a region or the platform. Definitions: docs/figures.md.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.MarketStats")]
public sealed record MarketStats(
    int ActiveListings,
    int NewListings,
    int Sold,
    decimal Gmv,
    double SellThroughRate,
    double? AvgDaysToSell,
    double? MedianDaysToSell,
    Ageing Ageing,
    IReadOnlyList<PriceBand> PriceBands,
    IReadOnlyList<GradeCount> GradeMix,
    int Views,
    double ConversionRate,
    double DisputeRate,
    double RefundRate,
    double? InspectionPassRate,
    int SlowMoving,
    IReadOnlyList<DailyPoint> Daily)
{
    /// <summary>Rental figures (contract RentalStats), computed by RentalFigures.</summary>
    [Id(18)] // after the 17 constructor members (ids 0-16); 17 never used
    public Rentals.RentalStats Rentals { get; init; } = Interfaces.Rentals.RentalStats.Empty;
    /// <summary>Offers made in the window and their outcomes (contract OfferStats; src/Grains/Analytics/OfferFigures.cs).</summary>
    [Id(30)] // ids are the wire contract: never reuse one
    public OfferStats Offers { get; init; } = OfferStats.None;
}

/// <summary>Offers made in a window: how many, how many were accepted, accepted ÷ (accepted + declined + expired), mean discount of the accepted.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.OfferStats")]
public sealed record OfferStats(int Made, int Accepted, double AcceptanceRate, double? AverageDiscount)
{
    public static OfferStats None { get; } = new(0, 0, 0, null);
}

[GenerateSerializer, Immutable, Alias("mp.analytics.Ageing")]
public sealed record Ageing(int D0To30, int D31To60, int D61To90, int Over90);

/// <summary>A price band [Min, Max); Max null for the last band.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.PriceBand")]
public sealed record PriceBand(decimal Min, decimal? Max, int ActiveListings, int Sold);

[GenerateSerializer, Immutable, Alias("mp.analytics.GradeCount")]
public sealed record GradeCount(Grade Grade, int ActiveListings, int Sold);

/// <summary>One UTC day; Date as "yyyy-MM-dd".</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.DailyPoint")]
public sealed record DailyPoint(string Date, int NewListings, int Sold, decimal Gmv);

/// <summary>Reference price of a category at a grade; the money fields are null when there is no data.</summary>
[GenerateSerializer, Immutable, Alias("mp.analytics.PriceSuggestion")]
public sealed record PriceSuggestion(
    string CategoryId,
    Grade Grade,
    int SampleSize,
    decimal? Median,
    decimal? P25,
    decimal? P75)
{
    public decimal? Suggested => Median;
    public decimal? Floor => P25;
    public decimal? Ceiling => P75;
}
