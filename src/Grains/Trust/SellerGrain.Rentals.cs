using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Trust;

/// <summary>Completed rentals and how many of them ended with a damage charge (SellerStats.rentalsCompleted / rentalDamageRate).</summary>
public sealed class SellerRentalCounters
{
    public int Completed { get; set; }
    public int Damaged { get; set; }
}

public sealed partial class SellerGrain
{
    /// <summary>
    /// A completed rental counts for the rental figures; an owner cancellation counts as a seller cancellation
    /// (contract "Rentals"), through the same fact as an order's so the score, level and alert treat it alike.
    /// </summary>
    public async Task RecordRentalFactAsync(SellerRentalFact fact)
    {
        if (fact.CancelledByOwner)
        {
            await RecordOrderFactAsync(new SellerOrderFact(fact.RentalId, SellerOrderFactKind.SellerCancelled, fact.At));
            return;
        }
        if (fact.FinalStatus != RentalStatus.COMPLETED || !S.AppliedFacts.Add($"{fact.RentalId}:rental-completed")) return;
        _profile = null;
        S.Rentals.Completed++;
        if (fact.Damaged) S.Rentals.Damaged++;
        await state.WriteStateAsync();
    }
}
