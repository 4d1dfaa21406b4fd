using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Trust;

namespace Marketplace.Grains.Buyers;

/// <summary>
/// The buyer (and renter) trust score (docs/trust-score.md): 600 plus seven factor contributions, whole
/// points, computed in decimal so the result is exact. Good history is concave (diminishing returns),
/// each kind of bad fact costs a fixed amount per occurrence up to a cap; the caps add up to −250 and the
/// good side stays below +250, so the score stays within 350..850 without clamping and the factors always
/// add up to score − 600. Bands are the seller credit score's (<see cref="CreditScore.Band"/>).
/// </summary>
public static class TrustScore
{
    public static (int Score, IReadOnlyList<CreditFactor> Factors) Compute(BuyerCounters c)
    {
        // A dispute lost as buyer also completes its order: that completion must not earn credit, or a lost
        // dispute past its cap would raise the score. Counted here, not in the grain, so the rule is in one place.
        var goodOrders = Math.Max(0, c.CompletedOrders - c.DisputesLost);
        CreditFactor[] factors =
        [
            new("completedOrders", CreditScore.Round(150m * goodOrders / (goodOrders + 20)),
                $"{goodOrders} completed orders in good standing ({c.CompletedOrders} completed, {c.DisputesLost} with a lost dispute)"),
            new("onTimeRentals", CreditScore.Round(100m * c.RentalsOnTime / (c.RentalsOnTime + 10)), $"{c.RentalsOnTime} rentals returned on time without damage"),
            new("lateReturns", -Math.Min(60, 20 * c.LateReturns), $"{c.LateReturns} late returns"),
            new("damageCharges", -Math.Min(60, 20 * c.DamageCharges), $"{c.DamageCharges} rentals with a damage charge"),
            new("disputesLost", -Math.Min(60, 30 * c.DisputesLost), $"{c.DisputesLost} disputes lost as buyer"),
            new("paymentsExpired", -Math.Min(30, 10 * c.PaymentsExpired), $"{c.PaymentsExpired} orders left unpaid until the deadline"),
            new("rentalCancellations", -Math.Min(40, 20 * c.RentalCancellations), $"{c.RentalCancellations} rentals cancelled after payment"),
        ];
        return (CreditScore.Base + factors.Sum(f => f.Contribution), factors);
    }

    public static CreditBand Band(int score) => CreditScore.Band(score);
}
