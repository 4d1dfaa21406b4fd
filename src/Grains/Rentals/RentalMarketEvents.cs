using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.Rentals;

/// <summary>The snapshot every rental event carries (one event per committed change; all of them enter a status).</summary>
public static class RentalMarketEvents
{
    public static RentalSnapshot Snapshot(RentalRecord r) => new(
        r.Id, r.Version, r.ItemId, r.OwnerId, r.RenterId, r.CategoryId, r.CategoryPath, r.RegionId, r.Status,
        r.Start, r.Days, r.Due, r.Rent, r.Gmv, r.DepositWaived, r.ReturnedLate, r.DamageCharge,
        r.RequestedAt, r.HandedOverAt, r.ReturnedAt, r.CompletedAt);
}
