using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;

namespace Marketplace.Grains.Items;

/// <summary>One booking the item holds; a cancelled rental's booking stays (marked) so a late retry cannot revive it.</summary>
public sealed record ItemBooking(string RentalId, string RenterId, DateTimeOffset Start, DateTimeOffset End, bool Cancelled = false);

public sealed class ItemRentalState
{
    /// <summary>Rental id -> booking.</summary>
    public Dictionary<string, ItemBooking> Bookings { get; set; } = [];
}

/// <summary>
/// Bookings of a RENTAL item. The item grain is turn-based, so concurrent requests for overlapping periods
/// are decided one after the other here and exactly one of them gets the period (docs/rentals.md).
/// </summary>
public sealed partial class ItemGrain
{
    public async Task<Result<RentalBookingGrant>> BookRentalAsync(RentalBookingRequest request)
    {
        if (state.State.Item is not { } item) return UserError.NotFound("No such item.");
        var bookings = state.State.Rentals.Bookings;
        if (bookings.TryGetValue(request.RentalId, out var existing))
            return existing.Cancelled ? UserError.InvalidState("This rental was cancelled.") : Result.Ok(Grant(item, existing));
        if (item.Mode != ListingMode.RENTAL || item.RentalTerms is not { } terms) return UserError.InvalidState("Only RENTAL items are rented.");
        if (item.SellerId == request.RenterId) return UserError.Forbidden("Owners cannot rent their own items.");
        if (item.Status != ItemStatus.LISTED) return new UserError(ErrorCodes.ItemNotAvailable, $"The item is {item.Status}.");
        if (request.Days < terms.MinDays || request.Days > terms.MaxDays)
            return UserError.InvalidInput("days", $"This item is rented for {terms.MinDays} to {terms.MaxDays} days.");
        var end = request.Start + request.Days * request.DayLength;
        if (bookings.Values.Any(b => !b.Cancelled && b.Start < end && request.Start < b.End))
            return new UserError(ErrorCodes.DatesUnavailable, "The item is already booked for part of this period.", ["input", "start"]);

        var booking = new ItemBooking(request.RentalId, request.RenterId, request.Start, end);
        bookings[request.RentalId] = booking;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            bookings.Remove(request.RentalId);
            throw;
        }
        return Result.Ok(Grant(item, booking));
    }

    public async Task CancelBookingAsync(string rentalId)
    {
        var bookings = state.State.Rentals.Bookings;
        if (!bookings.TryGetValue(rentalId, out var booking) || booking.Cancelled) return;
        bookings[rentalId] = booking with { Cancelled = true };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<BookedPeriod>> GetBookingsAsync(DateTimeOffset from) =>
        Task.FromResult<IReadOnlyList<BookedPeriod>>([.. state.State.Rentals.Bookings.Values
            .Where(b => !b.Cancelled && b.End > from).OrderBy(b => b.Start).Select(b => new BookedPeriod(b.Start, b.End))]);

    private RentalBookingGrant Grant(ItemView item, ItemBooking booking) =>
        new(item.Id, item.SellerId, item.CategoryId, state.State.CategoryPath, item.RegionId, item.RentalTerms!, booking.Start, booking.End);
}
