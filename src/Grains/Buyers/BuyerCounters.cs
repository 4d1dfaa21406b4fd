namespace Marketplace.Grains.Buyers;

/// <summary>The counters a buyer's trust score is computed from (docs/trust-score.md), each fact counted once.</summary>
/// <param name="CompletedOrders">Orders of the buyer that reached COMPLETED (a dispute lost as buyer included).</param>
/// <param name="DisputesLost">Disputes the buyer opened and lost: resolved with outcome RELEASE.</param>
/// <param name="PaymentsExpired">Orders cancelled because the buyer did not pay by the payment deadline.</param>
/// <param name="RentalsOnTime">Rentals COMPLETED, returned on time (within the grace) and without a damage charge.</param>
/// <param name="LateReturns">Rentals returned after due + grace.</param>
/// <param name="DamageCharges">Rentals completed with a damage charge above zero.</param>
/// <param name="RentalCancellations">Rentals the renter cancelled after paying.</param>
public sealed record BuyerCounters(
    int CompletedOrders = 0, int DisputesLost = 0, int PaymentsExpired = 0,
    int RentalsOnTime = 0, int LateReturns = 0, int DamageCharges = 0, int RentalCancellations = 0);
