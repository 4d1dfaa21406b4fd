using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Interfaces.Buyers;

/// <summary>Buyer figures of one user, keyed by user id. Fed by order and item grains; each fact is applied once.</summary>
[Alias("mp.buyers.IBuyerGrain")]
public interface IBuyerGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<BuyerView> GetAsync();

    Task RecordOrderPlacedAsync(string orderId, DateTimeOffset at);
    Task RecordOrderCompletedAsync(string orderId, decimal amountSpent, DateTimeOffset at);
    Task RecordDisputeOpenedAsync(string orderId, DateTimeOffset at);
    Task RecordBuyerCancellationAsync(string orderId, DateTimeOffset at);

    /// <summary>Adds the item to favorites; false when it already was one.</summary>
    Task<bool> AddFavoriteAsync(string itemId);

    /// <summary>
    /// Claims a payment idempotency key for an order: returns the order id that owns the key
    /// (this one when newly claimed), so the same key on another order is detected as a conflict.
    /// </summary>
    Task<string> ClaimPaymentKeyAsync(string idempotencyKey, string orderId);

    /// <summary>The buyer's trust score now (docs/trust-score.md); a rental reads it when requested to decide the deposit waiver.</summary>
    [ReadOnly]
    Task<BuyerTrust> GetTrustAsync();

    /// <summary>A rental of this buyer reached a terminal status; applied once per rental id.</summary>
    Task RecordRentalOutcomeAsync(RentalOutcome outcome);

    // Trust and recommendations (docs/trust-score.md, docs/recommendations.md).

    /// <summary>The buyer's dispute on this order was resolved RELEASE (lost as buyer); applied once per order id.</summary>
    Task RecordDisputeLostAsync(string orderId, DateTimeOffset at);

    /// <summary>The order was cancelled because the buyer did not pay by the payment deadline; applied once per order id.</summary>
    Task RecordPaymentExpiredAsync(string orderId, DateTimeOffset at);

    /// <summary>The buyer placed an order for the item ("bought" for recommendations); applied once per order id.</summary>
    Task RecordItemOrderedAsync(string orderId, string itemId);

    /// <summary>The buyer viewed the item (recordView with a token): kept in a bounded list of recent views.</summary>
    Task RecordViewAsync(string itemId);

    /// <summary>What recommendations learn from: item ids viewed (newest first), favorited, ordered and rented.</summary>
    [ReadOnly]
    Task<BuyerHistory> GetHistoryAsync();
}

/// <param name="RecentViews">Newest first, bounded.</param>
/// <param name="Ordered">Items of orders the buyer placed (completed or not), oldest first, bounded.</param>
/// <param name="Rented">Items of the buyer's rentals that ended, oldest first, bounded.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.BuyerHistory")]
public sealed record BuyerHistory(IReadOnlyList<string> RecentViews, IReadOnlyList<string> Favorites, IReadOnlyList<string> Ordered, IReadOnlyList<string> Rented)
{
    public bool IsEmpty => RecentViews.Count == 0 && Favorites.Count == 0 && Ordered.Count == 0 && Rented.Count == 0;
}

/// <param name="Factors">Sum to Score − 600.</param>
/// <param name="DepositWaived">Score ≥ Marketplace:Rentals:DepositWaiverScore (the silo's configuration).</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.BuyerTrust")]
public sealed record BuyerTrust(int Score, CreditBand Band, IReadOnlyList<CreditFactor> Factors, int RentalsCompleted, int LateReturns, bool DepositWaived = false);

/// <summary>How a rental ended, as the renter's trust sees it.</summary>
/// <param name="FinalStatus">COMPLETED or CANCELLED.</param>
/// <param name="CancelledByRenterAfterPayment">The renter cancelled a PAID rental.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.RentalOutcome")]
public sealed record RentalOutcome(
    string RentalId, string ItemId, RentalStatus FinalStatus, bool ReturnedLate, decimal DamageCharge, bool CancelledByRenterAfterPayment, DateTimeOffset At);

/// <param name="Spend">Σ (price − refunded) over completed orders.</param>
/// <param name="RepeatBuyer">At least two completed orders.</param>
/// <param name="FavoriteItemIds">Favorited items, oldest first.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.BuyerView")]
public sealed record BuyerView(
    string BuyerId, int Orders, int CompletedOrders, decimal Spend, bool RepeatBuyer, int DisputesOpened,
    int BuyerCancellations, IReadOnlyList<string> FavoriteItemIds);
