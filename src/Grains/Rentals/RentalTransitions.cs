using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.Rentals;

/// <summary>
/// The rental state machine of the contract's "Rentals" as pure functions (docs/rentals.md): each checks the
/// caller and the status, then returns a new record or an error. The rental grain does the side effects.
/// </summary>
public static class RentalTransitions
{
    public static RentalRecord Request(
        string rentalId, RequestRental command, string renterId, RentalBookingGrant grant, int trustScore, MarketplaceOptions options, DateTimeOffset now)
    {
        var terms = grant.Terms;
        var rent = terms.DailyRate * command.Days;
        var waived = trustScore >= options.Rentals.DepositWaiverScore;
        var rental = new RentalRecord
        {
            Id = rentalId, ItemId = grant.ItemId, OwnerId = grant.OwnerId, RenterId = renterId,
            CategoryId = grant.CategoryId, CategoryPath = grant.CategoryPath, RegionId = grant.RegionId,
            RenterTrustScore = trustScore, Start = grant.Start, Days = command.Days, DayLength = options.Rentals.DayLength, Due = grant.Due,
            DailyRate = terms.DailyRate, Rent = rent, Fee = Money.Fee(rent, options.FeeRate),
            TermsDeposit = terms.Deposit, Deposit = waived ? 0m : terms.Deposit, DepositWaived = waived,
            RequestedAt = now, IdempotencyKey = command.IdempotencyKey,
            PaymentDeadline = now + options.Deadlines.Payment,
        };
        return rental.Enter(RentalStatus.AWAITING_PAYMENT, now, waived ? $"deposit waived (trust score {trustScore})" : null);
    }

    /// <summary>True when a requestRental retry with this command matches the rental it created.</summary>
    public static bool SameRequest(RentalRecord rental, RequestRental command, string renterId) =>
        rental.RenterId == renterId && rental.ItemId == command.ItemId && rental.Start == command.Start
        && rental.Days == command.Days && rental.IdempotencyKey == command.IdempotencyKey;

    /// <summary>Input checks that need neither the item nor the renter's trust.</summary>
    public static UserError? ValidateRequest(RequestRental command, DateTimeOffset now) =>
        Validation.Id(command.ItemId, "itemId")
        ?? (command.Days < 1 ? UserError.InvalidInput("days", "days must be at least 1.") : null)
        ?? (command.Start < now ? UserError.InvalidInput("start", "The rental cannot start in the past.") : null)
        ?? Validation.OptionalText(command.IdempotencyKey, "idempotencyKey", 200);

    /// <summary>payRental. The same key again returns the rental unchanged (same instance: nothing to do).</summary>
    public static Result<RentalRecord> Pay(RentalRecord rental, string idempotencyKey, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(rental.RenterId)) return UserError.Forbidden("Only the rental's renter may pay it.");
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return UserError.InvalidInput("idempotencyKey", "An idempotency key is required.");
        if (rental.PaymentKey == idempotencyKey) return Result.Ok(rental);
        if (rental.Status != RentalStatus.AWAITING_PAYMENT) return UserError.InvalidState($"The rental is {rental.Status}; it cannot be paid again.");
        if (rental.PaymentDeadline is { } due && now >= due) return new UserError(ErrorCodes.DeadlinePassed, "The payment deadline has passed.");
        var paid = rental.Post(LedgerEntryKind.HOLD, rental.Rent, LedgerParties.Buyer(rental.RenterId), now);
        if (rental.Deposit > 0) paid = paid.Post(LedgerEntryKind.DEPOSIT_HOLD, rental.Deposit, LedgerParties.Buyer(rental.RenterId), now);
        return Result.Ok(paid.Enter(RentalStatus.PAID, now, rental.DepositWaived ? "rent held in escrow; deposit waived" : "rent and deposit held in escrow")
            with { PaymentKey = idempotencyKey, PaidAt = now });
    }

    /// <summary>handOverRental: the owner, while PAID, from start − one day on.</summary>
    public static Result<RentalRecord> HandOver(RentalRecord rental, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(rental.OwnerId)) return UserError.Forbidden("Only the item's owner hands it over.");
        if (rental.Status != RentalStatus.PAID) return UserError.InvalidState($"Only a PAID rental can be handed over; it is {rental.Status}.");
        if (now < rental.Start - rental.DayLength) return UserError.InvalidState("A rental can be handed over from one day before its start.");
        return Result.Ok(rental.Enter(RentalStatus.ACTIVE, now, "handed over to the renter") with { HandedOverAt = now });
    }

    /// <summary>Due passed while ACTIVE: OVERDUE (the grain raises RENTAL_OVERDUE).</summary>
    public static RentalRecord? MarkOverdue(RentalRecord rental, DateTimeOffset now) =>
        rental.Status == RentalStatus.ACTIVE && now >= rental.Due ? rental.Enter(RentalStatus.OVERDUE, now, "not returned by the due time") : null;

    /// <summary>returnRental: the renter, while ACTIVE or OVERDUE; the late fee is fixed now and the owner's check deadline starts.</summary>
    public static Result<RentalRecord> Return(RentalRecord rental, CallerContext caller, DateTimeOffset now, TimeSpan grace, TimeSpan check)
    {
        if (!caller.Is(rental.RenterId)) return UserError.Forbidden("Only the rental's renter returns it.");
        if (rental.Status is not (RentalStatus.ACTIVE or RentalStatus.OVERDUE))
            return UserError.InvalidState($"Only an ACTIVE or OVERDUE rental can be returned; it is {rental.Status}.");
        var daysLate = DaysLate(rental.Due, now, grace, rental.DayLength);
        var lateFee = rental.DailyRate * daysLate;
        return Result.Ok(rental.Enter(RentalStatus.RETURNED, now, daysLate > 0 ? $"returned {daysLate} day(s) late" : "returned on time")
            with { ReturnedAt = now, LateFee = lateFee, CheckDeadline = now + check });
    }

    /// <summary>Whole days late, rounded up, counted after the grace: returning within due + grace costs nothing.</summary>
    public static int DaysLate(DateTimeOffset due, DateTimeOffset returnedAt, TimeSpan grace, TimeSpan day)
    {
        var late = returnedAt - due - grace;
        return late <= TimeSpan.Zero ? 0 : (int)Math.Ceiling((decimal)late.Ticks / day.Ticks);
    }

    /// <summary>checkRental: the owner, while RETURNED and before the check deadline; 0 ≤ damageCharge ≤ the terms' deposit.</summary>
    public static Result<RentalRecord> Check(RentalRecord rental, decimal damageCharge, string? damageNotes, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(rental.OwnerId)) return UserError.Forbidden("Only the item's owner checks a returned rental.");
        if (damageCharge < 0 || damageCharge > rental.TermsDeposit)
            return UserError.InvalidInput("damageCharge", $"The damage charge must be between 0 and the deposit ({rental.TermsDeposit:0.00}).");
        if (!Money.HasAtMostTwoDecimals(damageCharge)) return UserError.InvalidInput("damageCharge", "The amount may have at most two decimals.");
        if (Validation.OptionalText(damageNotes, "damageNotes", 2_000) is { } notesError) return notesError;
        if (rental.Status != RentalStatus.RETURNED) return UserError.InvalidState($"Only a RETURNED rental can be checked; it is {rental.Status}.");
        if (rental.CheckDeadline is { } due && now >= due)
            return new UserError(ErrorCodes.DeadlinePassed, "The check deadline has passed; the rental completes with no damage.");
        var notes = string.IsNullOrWhiteSpace(damageNotes) ? null : damageNotes.Trim();
        return Result.Ok(Complete(rental with { DamageCharge = damageCharge, DamageNotes = notes }, now,
            damageCharge > 0 ? $"checked: damage {damageCharge:0.00}" : "checked: no damage"));
    }

    /// <summary>The check deadline passed: COMPLETED with no damage (the late fee still applies).</summary>
    public static RentalRecord? ExpireCheck(RentalRecord rental, DateTimeOffset now) =>
        rental.Status == RentalStatus.RETURNED && rental.CheckDeadline is { } due && now >= due
            ? Complete(rental, now, "check deadline passed: no damage")
            : null;

    /// <summary>The payment deadline passed unpaid: CANCELLED (the grain frees the booking).</summary>
    public static RentalRecord? ExpirePayment(RentalRecord rental, DateTimeOffset now) =>
        rental.Status == RentalStatus.AWAITING_PAYMENT && rental.PaymentDeadline is { } due && now >= due
            ? rental.Enter(RentalStatus.CANCELLED, now, "payment deadline passed") with { CancelledBy = RentalCancelledBy.PaymentDeadline }
            : null;

    /// <summary>
    /// cancelRental. The renter: while AWAITING_PAYMENT, while PAID before start − one day, or while PAID once
    /// start + ShipBy passed without hand-over. The owner: before hand-over. Either way a full refund.
    /// </summary>
    public static Result<RentalRecord> Cancel(RentalRecord rental, string? reason, CallerContext caller, DateTimeOffset now, TimeSpan shipBy)
    {
        var note = string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}";
        if (caller.Is(rental.OwnerId))
        {
            if (rental.Status is not (RentalStatus.AWAITING_PAYMENT or RentalStatus.PAID))
                return UserError.InvalidState($"The owner may cancel only before hand-over; the rental is {rental.Status}.");
            return Result.Ok(CancelWithRefund(rental, now, "cancelled by the owner" + note) with { CancelledBy = RentalCancelledBy.Owner });
        }
        if (caller.Is(rental.RenterId))
        {
            var allowed = rental.Status switch
            {
                RentalStatus.AWAITING_PAYMENT => true,
                RentalStatus.PAID => now < rental.Start - rental.DayLength || now >= rental.Start + shipBy,
                _ => false,
            };
            if (!allowed)
                return UserError.InvalidState(rental.Status == RentalStatus.PAID
                    ? "A paid rental can be cancelled by the renter only until one day before its start, or once it was not handed over by start + the ship-by time."
                    : $"The renter cannot cancel a rental that is {rental.Status}.");
            return Result.Ok(CancelWithRefund(rental, now, "cancelled by the renter" + note) with { CancelledBy = RentalCancelledBy.Renter });
        }
        return UserError.Forbidden("Only the rental's renter or the item's owner may cancel it.");
    }

    /// <summary>
    /// COMPLETED (docs/rentals.md "Ledger"): the owner gets the rent less the fee; the late fee and damage come
    /// out of the held deposit first (released to the owner), the rest of the deposit goes back to the renter,
    /// and what the deposit does not cover is charged to the renter and released to the owner.
    /// </summary>
    private static RentalRecord Complete(RentalRecord rental, DateTimeOffset now, string note)
    {
        var renter = LedgerParties.Buyer(rental.RenterId);
        var owner = LedgerParties.Seller(rental.OwnerId);
        var owed = rental.LateFee + rental.DamageCharge;
        var heldDeposit = RentalLedger.Sum(rental.Ledger, LedgerEntryKind.DEPOSIT_HOLD);
        var fromDeposit = Math.Min(owed, heldDeposit);
        var charged = owed - fromDeposit;
        var result = rental
            .Post(LedgerEntryKind.FEE, rental.Fee, LedgerParties.Platform, now)
            .Post(LedgerEntryKind.RELEASE, rental.Rent - rental.Fee, owner, now)
            .Post(LedgerEntryKind.RELEASE, fromDeposit, owner, now)
            .Post(LedgerEntryKind.DEPOSIT_RELEASE, heldDeposit - fromDeposit, renter, now)
            .Post(LedgerEntryKind.CHARGE, charged, renter, now)
            .Post(LedgerEntryKind.RELEASE, charged, owner, now);
        return result.Enter(RentalStatus.COMPLETED, now, note) with { CompletedAt = now };
    }

    private static RentalRecord CancelWithRefund(RentalRecord rental, DateTimeOffset now, string note)
    {
        var renter = LedgerParties.Buyer(rental.RenterId);
        return rental
            .Post(LedgerEntryKind.REFUND, RentalLedger.Sum(rental.Ledger, LedgerEntryKind.HOLD), renter, now)
            .Post(LedgerEntryKind.DEPOSIT_RELEASE, RentalLedger.Sum(rental.Ledger, LedgerEntryKind.DEPOSIT_HOLD), renter, now)
            .Enter(RentalStatus.CANCELLED, now, note);
    }

    private static RentalRecord Enter(this RentalRecord rental, RentalStatus status, DateTimeOffset at, string? note) =>
        rental with { Status = status, History = [.. rental.History, new RentalHistoryEntry(status, at, note)] };

    /// <summary>Adds an entry; a zero amount moves nothing and is left out, so the ledger lists only real movements.</summary>
    private static RentalRecord Post(this RentalRecord rental, LedgerEntryKind kind, decimal amount, string party, DateTimeOffset at) =>
        amount == 0 ? rental : rental with { Ledger = [.. rental.Ledger, new LedgerEntry(kind, amount, party, at)] };
}
