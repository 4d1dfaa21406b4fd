using Marketplace.Grains.Interfaces.Rentals;
using Orleans;

namespace Marketplace.Grains.Rentals;

/// <summary>
/// Where the market event router sends a rental event: the rental-list projection (store first, then the
/// in-memory index, told even when the store already had this version, as for orders). Both keep the newest
/// version per rental, so repeats and stale events change nothing.
/// </summary>
public static class RentalEventRouting
{
    public static async Task RouteAsync(IGrainFactory grains, IRentalListStore lists, RentalChanged rentalChanged)
    {
        var row = RentalListRow.From(rentalChanged.Rental, rentalChanged.At);
        await lists.UpsertAsync(row);
        await grains.GetGrain<IRentalListIndexGrain>(IRentalListIndexGrain.All).ApplyAsync(row);
    }
}
