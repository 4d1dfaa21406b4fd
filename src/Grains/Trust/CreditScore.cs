using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Trust;

/// <summary>
/// The seller credit score (docs/credit-score.md): 600 plus eight factor contributions, each rounded
/// to a whole point half away from zero, computed in decimal so the result is exact and deterministic.
/// The caps make the sum stay within −250..+240, so the score stays within 350..840 without clamping
/// and the factors always add up to score − 600.
/// </summary>
public static class CreditScore
{
    public const int Base = 600;
    public const int Min = 350;
    public const int Max = 950;

    // Smoothing: rates are taken over (count + 5) so one event on a brand-new seller is not a 100 % rate.
    private const int RatePrior = 5;

    public static (int Score, IReadOnlyList<CreditFactor> Factors) Compute(SellerCounters c, DateTimeOffset now)
    {
        CreditFactor[] factors =
        [
            new("completedOrders", Round(150m * c.Completed / (c.Completed + 20)), $"{c.Completed} completed orders"),
            new("tenure", Round(50m * TenureDays(c, now) / 365), $"{TenureDays(c, now):0} days since first listing (full credit at 365)"),
            new("buyerRating", RatingContribution(c), c.Ratings == 0 ? "no ratings yet" : $"average {c.AverageRating:0.00} from {c.Ratings} ratings"),
            new("lateShipments", -Round(40m * Saturate(Rate(c.LateShipments, c.Shipped), 0.20m)), $"{c.LateShipments} late of {c.Shipped} shipped"),
            new("sellerCancellations", -Round(40m * Saturate(Rate(c.SellerCancellations, c.Orders), 0.20m)), $"{c.SellerCancellations} cancelled by the seller of {c.Orders} orders"),
            new("disputes", -Round(20m * Saturate(Rate(c.Disputes, c.Delivered), 0.20m) + 40m * Saturate(Rate(c.DisputesLost, c.Delivered), 0.10m)),
                $"{c.Disputes} disputes ({c.DisputesLost} lost) of {c.Delivered} delivered"),
            new("descriptionMismatches", -Math.Min(30, 10 * c.DescriptionMismatches), $"{c.DescriptionMismatches} description mismatches"),
            new("authenticityFailures", -Math.Min(40, 20 * c.AuthenticityFailures), $"{c.AuthenticityFailures} authenticity failures"),
        ];
        var score = Base + factors.Sum(f => f.Contribution);
        return (score, factors);
    }

    public static CreditBand Band(int score) => score switch
    {
        < 550 => CreditBand.POOR,
        < 600 => CreditBand.FAIR,
        < 650 => CreditBand.GOOD,
        < 700 => CreditBand.VERY_GOOD,
        _ => CreditBand.EXCELLENT,
    };

    /// <summary>(average − 3) × 20, scaled by confidence min(ratings, 5) ÷ 5: −40..+40.</summary>
    private static int RatingContribution(SellerCounters c) =>
        c.Ratings == 0 ? 0 : Round(((decimal)c.RatingStarsTotal / c.Ratings - 3m) * 20m * Math.Min(c.Ratings, 5) / 5m);

    private static decimal TenureDays(SellerCounters c, DateTimeOffset now) =>
        c.FirstActivityAt is { } first ? Math.Clamp((decimal)(now - first).TotalDays, 0m, 365m) : 0m;

    private static decimal Rate(int count, int total) => (decimal)count / (total + RatePrior);

    /// <summary>0..1, reaching 1 when the rate reaches <paramref name="full"/>.</summary>
    private static decimal Saturate(decimal rate, decimal full) => Math.Min(1m, rate / full);

    /// <summary>A contribution rounded to a whole point, half away from zero (the buyer trust score rounds the same way).</summary>
    internal static int Round(decimal value) => (int)Math.Round(value, 0, MidpointRounding.AwayFromZero);
}
