using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Interfaces.Rentals;

/// <summary>
/// The rental as it is after a change (published with every rental event): what the rental lists, the rental
/// figures and the RENTAL_OVERDUE alert need, so no consumer calls the rental grain.
/// </summary>
/// <param name="Gmv">Rent + charges − refunds (what the owner side received), known once COMPLETED.</param>
/// <param name="ReturnedLate">Returned after due + the return grace (a late fee was charged).</param>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalSnapshot")]
public sealed record RentalSnapshot(
    string RentalId, long Version, string ItemId, string OwnerId, string RenterId,
    string CategoryId, IReadOnlyList<string> CategoryPath, string RegionId,
    RentalStatus Status, DateTimeOffset Start, int Days, DateTimeOffset Due, decimal Rent, decimal Gmv,
    bool DepositWaived, bool ReturnedLate, decimal DamageCharge,
    DateTimeOffset RequestedAt, DateTimeOffset? HandedOverAt, DateTimeOffset? ReturnedAt, DateTimeOffset? CompletedAt);

/// <summary>Every rental status change (source = rental id, sequence = rental version).</summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalChanged")]
public sealed record RentalChanged(RentalSnapshot Rental, DateTimeOffset At) : MarketEvent(Rental.RentalId, Rental.Version, At);
