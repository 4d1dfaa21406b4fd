using System.Security.Cryptography;
using System.Text;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Grains.Interfaces.Rentals;

/// <summary>
/// One rental of a RENTAL item (contract "Rentals"), keyed by rental id: use <see cref="RentalIds.ForRequest"/> so that
/// requestRental with the same idempotency key from the same renter reaches the same grain. The item grain decides
/// whether the period is free (it holds the bookings); this grain runs the escrow and its deadlines (durable reminder).
/// Every mutation takes the caller and answers FORBIDDEN when the caller may not do it.
/// </summary>
[Alias("mp.rentals.IRentalGrain")]
public interface IRentalGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>requestRental: the caller is the renter (USER, not the item's owner).</summary>
    Task<Result<RentalView>> RequestAsync(RequestRental command, CallerContext caller);

    [ReadOnly]
    Task<RentalView?> GetAsync();

    /// <summary>payRental: the renter only; the same key again returns the first result.</summary>
    Task<Result<RentalView>> PayAsync(string idempotencyKey, CallerContext caller);

    /// <summary>handOverRental: the owner, from start − one day on.</summary>
    Task<Result<RentalView>> HandOverAsync(CallerContext caller);

    /// <summary>returnRental: the renter, while ACTIVE or OVERDUE.</summary>
    Task<Result<RentalView>> ReturnAsync(CallerContext caller);

    /// <summary>checkRental: the owner, while RETURNED; 0 ≤ damageCharge ≤ the terms' deposit.</summary>
    Task<Result<RentalView>> CheckAsync(decimal damageCharge, string? damageNotes, CallerContext caller);

    /// <summary>cancelRental: the renter or the owner, per the contract's rules.</summary>
    Task<Result<RentalView>> CancelAsync(string? reason, CallerContext caller);
}

[GenerateSerializer, Immutable, Alias("mp.rentals.RequestRental")]
public sealed record RequestRental(string ItemId, DateTimeOffset Start, int Days, string? IdempotencyKey = null);

[GenerateSerializer, Immutable, Alias("mp.rentals.RentalHistoryEntry")]
public sealed record RentalHistoryEntry(RentalStatus Status, DateTimeOffset At, string? Note);

/// <summary>The contract's Rental. <paramref name="Deposit"/> is 0 when waived; <paramref name="TermsDeposit"/> is the item's.</summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalView")]
public sealed record RentalView(
    string Id, string ItemId, string OwnerId, string RenterId, string CategoryId, string RegionId,
    int RenterTrustScore, DateTimeOffset Start, int Days, DateTimeOffset Due,
    decimal DailyRate, decimal Rent, decimal Fee, decimal Deposit, decimal TermsDeposit, bool DepositWaived,
    RentalStatus Status, DateTimeOffset? Deadline, DateTimeOffset? HandedOverAt, DateTimeOffset? ReturnedAt,
    decimal LateFee, decimal DamageCharge, string? DamageNotes,
    IReadOnlyList<RentalHistoryEntry> History, IReadOnlyList<LedgerEntry> Ledger,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);

/// <summary>Rental ids. Deriving the id from renter and idempotency key makes a retried requestRental reach the same grain.</summary>
public static class RentalIds
{
    public static string ForRequest(string renterId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
            return "rnt-" + Guid.NewGuid().ToString("N");
        // Length-prefixed as for orders, so ("a", "bc") and ("ab", "c") never collide.
        var material = Encoding.UTF8.GetBytes($"{renterId.Length}:{renterId}|{idempotencyKey}");
        return "rnt-k" + Convert.ToHexStringLower(SHA256.HashData(material))[..32];
    }
}
