
namespace Marketplace.Grains.Interfaces.Trust;

/// <summary>
/// Live trust figures of one seller, keyed by the seller's user id. Fed by item and order grains
/// (each fact carries its item or order id and is applied once, so a retried notification counts once).
/// Remindable: a level-change event whose publish failed is retried by a reminder.
/// </summary>
[Alias("mp.trust.ISellerGrain")]
public interface ISellerGrain : IGrainWithStringKey, IRemindable
{
    [ReadOnly]
    Task<SellerProfile> GetProfileAsync();

    Task RecordItemStatusAsync(string itemId, ItemStatus status, DateTimeOffset at);
    Task RecordOrderFactAsync(SellerOrderFact fact);

    /// <summary>A rental of this owner ended (COMPLETED or CANCELLED); applied once per rental id.</summary>
    Task RecordRentalFactAsync(SellerRentalFact fact);
}

/// <summary>How a rental of this owner ended: completed (damaged when a damage charge was made) or cancelled by the owner.</summary>
[GenerateSerializer, Immutable, Alias("mp.trust.SellerRentalFact")]
public sealed record SellerRentalFact(string RentalId, RentalStatus FinalStatus, bool Damaged, bool CancelledByOwner, DateTimeOffset At);

[GenerateSerializer, Alias("mp.trust.SellerOrderFactKind")]
public enum SellerOrderFactKind
{
    Placed, Shipped, LateShipped, Delivered, Completed, SellerCancelled, DisputeOpened, DisputeLost,
    DescriptionMismatch, AuthenticityFailure, Rated,
}

/// <summary>One fact about an order of this seller. Completed carries the sale figures, Rated the stars.</summary>
[GenerateSerializer, Immutable, Alias("mp.trust.SellerOrderFact")]
public sealed record SellerOrderFact(
    string OrderId, SellerOrderFactKind Kind, DateTimeOffset At,
    decimal Price = 0, decimal Refunded = 0, DateTimeOffset? ListedAt = null, DateTimeOffset? PaidAt = null, int Stars = 0);

[GenerateSerializer, Immutable, Alias("mp.trust.CreditFactor")]
public sealed record CreditFactor(string Name, int Contribution, string? Detail);

[GenerateSerializer, Immutable, Alias("mp.trust.SellerStats")]
public sealed record SellerStats(
    int Listed, int ActiveListings, int Sold, decimal Gmv, double SellThroughRate,
    double? AvgDaysToSell, double? MedianDaysToSell,
    int Orders, int CompletedOrders, int SellerCancellations, double LateShipmentRate, double DefectRate, double DisputeRate,
    int DescriptionMismatches, int AuthenticityFailures, double? AverageRating, int Ratings)
{
    /// <summary>Rentals of the seller's items that completed.</summary>
    [Id(17)] // after the 17 constructor members (ids 0-16)
    public int RentalsCompleted { get; init; }

    /// <summary>Completed rentals with a damage charge ÷ completed rentals (0 with none).</summary>
    [Id(18)]
    public double RentalDamageRate { get; init; }
}

[GenerateSerializer, Immutable, Alias("mp.trust.SellerProfile")]
public sealed record SellerProfile(
    string SellerId, int CreditScore, CreditBand CreditBand, SellerLevel Level,
    IReadOnlyList<CreditFactor> CreditFactors, SellerStats Stats, DateTimeOffset? FirstActivityAt);
