namespace Marketplace.Grains.Trust;

/// <summary>The counters a seller's credit score and level are computed from.</summary>
/// <param name="Orders">Orders placed for the seller's items.</param>
/// <param name="Shipped">Orders the seller shipped (late ones included).</param>
/// <param name="Delivered">Orders delivered to the buyer.</param>
/// <param name="Disputes">Disputes opened against the seller.</param>
/// <param name="FirstActivityAt">First listing (or first fact) of the seller: tenure starts here.</param>
public sealed record SellerCounters(
    int Orders = 0, int Shipped = 0, int LateShipments = 0, int Delivered = 0, int Completed = 0,
    int SellerCancellations = 0, int Disputes = 0, int DisputesLost = 0,
    int DescriptionMismatches = 0, int AuthenticityFailures = 0,
    int Ratings = 0, int RatingStarsTotal = 0, DateTimeOffset? FirstActivityAt = null)
{
    public double? AverageRating => Ratings == 0 ? null : (double)RatingStarsTotal / Ratings;

    /// <summary>(seller cancellations + disputes lost) ÷ orders, 0 with no orders.</summary>
    public double DefectRate => Orders == 0 ? 0 : (double)(SellerCancellations + DisputesLost) / Orders;

    /// <summary>Late shipments ÷ shipped orders, 0 with none shipped.</summary>
    public double LateShipmentRate => Shipped == 0 ? 0 : (double)LateShipments / Shipped;

    /// <summary>Disputes opened ÷ orders delivered, 0 with none delivered.</summary>
    public double DisputeRate => Delivered == 0 ? 0 : (double)Disputes / Delivered;
}
