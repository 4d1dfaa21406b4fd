using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Rentals;

public sealed class RentalState
{
    public RentalRecord? Rental { get; set; }
    /// <summary>Market events written with the change they announce and not yet known to be published (outbox).</summary>
    public List<MarketEvent> Outbox { get; set; } = [];
}

/// <summary>
/// One rental, like <see cref="Orders.OrderGrain"/>: <see cref="RentalTransitions"/> decides, this grain persists the
/// result with its market event (outbox), re-aims its one durable reminder at the next deadline, publishes, then
/// tells the item (bookings), the renter's buyer grain and the owner's seller grain, each of which applies a fact
/// once. Calls go one way only (rental -> item/buyer/seller), so no call cycles.
/// </summary>
[GrainType("rental")]
public sealed class RentalGrain(
    [PersistentState("rental")] IPersistentState<RentalState> state,
    IOptions<MarketplaceOptions> options, TimeProvider time, IRiskAlertSink alerts, ILogger<RentalGrain> logger) : Grain, IRentalGrain
{
    internal const string DeadlineReminder = "rental-deadline";
    private static readonly TimeSpan PassedDeadlineDelay = TimeSpan.FromSeconds(1);

    private MarketplaceOptions Options => options.Value;
    private DateTimeOffset Now => time.GetUtcNow();

    private MarketEventOutbox? _outbox;
    private MarketEventOutbox Outbox => _outbox ??= new(this, () => state.State.Outbox, state.WriteStateAsync, Options.Events, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Outbox.OnActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Outbox.OnDeactivateAsync(reason);

    public async Task<Result<RentalView>> RequestAsync(RequestRental command, CallerContext caller)
    {
        if (caller.UserId is not { } renterId || !caller.Has(Role.USER)) return UserError.Forbidden("Only users rent items.");
        if (state.State.Rental is { } existing)
            return RentalTransitions.SameRequest(existing, command, renterId)
                ? Result.Ok(existing.ToView())
                : new UserError(ErrorCodes.IdempotencyConflict, "This idempotency key was already used for a different rental.", ["input", "idempotencyKey"]);
        var now = Now;
        if (RentalTransitions.ValidateRequest(command, now) is { } invalid) return invalid;

        // Read the trust before booking: the waiver is decided "at that moment" and must not hold the item's turn.
        var trust = await GrainFactory.GetGrain<IBuyerGrain>(renterId).GetTrustAsync();
        var rentalId = this.GetPrimaryKeyString();
        var item = GrainFactory.GetGrain<IItemGrain>(command.ItemId);
        var booking = await item.BookRentalAsync(new RentalBookingRequest(rentalId, renterId, command.Start, command.Days, Options.Rentals.DayLength));
        if (!booking.IsSuccess)
            return booking.Error!.Code == ErrorCodes.NotFound
                ? UserError.InvalidInput("itemId", $"Unknown item '{command.ItemId}'.") with { Code = ErrorCodes.NotFound }
                : booking.Error;

        var rental = RentalTransitions.Request(rentalId, command, renterId, booking.Value!, trust.Score, Options, now) with { Version = 1 };
        try
        {
            state.State.Rental = rental;
            await Outbox.WriteWithAsync(EventFor(rental));
        }
        catch
        {
            state.State.Rental = null;
            await item.CancelBookingAsync(rentalId); // do not leave the period booked for a rental that does not exist
            throw;
        }
        await SyncReminderAsync(rental);
        await Outbox.PublishAsync();
        return Result.Ok(rental.ToView());
    }

    public Task<RentalView?> GetAsync() => Task.FromResult(state.State.Rental?.ToView());

    public async Task<Result<RentalView>> PayAsync(string idempotencyKey, CallerContext caller)
    {
        if (state.State.Rental is not { } before) return UserError.NotFound("No such rental.");
        var result = RentalTransitions.Pay(before, idempotencyKey, caller, Now);
        if (!result.IsSuccess || ReferenceEquals(result.Value, before)) return Map(result);
        // Payment keys are the renter's, shared with orders: the same key cannot pay two things.
        var owner = await GrainFactory.GetGrain<IBuyerGrain>(before.RenterId).ClaimPaymentKeyAsync(idempotencyKey, before.Id);
        if (owner != before.Id)
            return new UserError(ErrorCodes.IdempotencyConflict, "This idempotency key already paid something else.", ["input", "idempotencyKey"]);
        return await CommitAsync(before, result.Value!);
    }

    public Task<Result<RentalView>> HandOverAsync(CallerContext caller) =>
        MutateAsync(r => RentalTransitions.HandOver(r, caller, Now));

    public Task<Result<RentalView>> ReturnAsync(CallerContext caller) =>
        MutateAsync(r => RentalTransitions.Return(r, caller, Now, Options.Rentals.ReturnGrace, Options.Deadlines.RentalCheck));

    public Task<Result<RentalView>> CheckAsync(decimal damageCharge, string? damageNotes, CallerContext caller) =>
        MutateAsync(r => RentalTransitions.Check(r, damageCharge, damageNotes, caller, Now));

    public Task<Result<RentalView>> CancelAsync(string? reason, CallerContext caller) =>
        MutateAsync(r => RentalTransitions.Cancel(r, reason, caller, Now, Options.Deadlines.ShipBy));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == MarketEventOutbox.RetryReminder)
        {
            await Outbox.OnRetryReminderAsync();
            return;
        }
        if (reminderName != DeadlineReminder) return;
        if (state.State.Rental is not { } before)
        {
            await UnregisterDeadlineAsync();
            return;
        }
        var now = Now;
        var after = before.Status switch
        {
            RentalStatus.AWAITING_PAYMENT => RentalTransitions.ExpirePayment(before, now),
            RentalStatus.ACTIVE => RentalTransitions.MarkOverdue(before, now),
            RentalStatus.RETURNED => RentalTransitions.ExpireCheck(before, now),
            _ => null,
        };
        if (after is not null)
        {
            logger.LogInformation("Rental {RentalId}: deadline passed while {Before}, now {Status}", before.Id, before.Status, after.Status);
            await CommitAsync(before, after);
        }
        else if (before.NextWake is not { } due || now >= due)
        {
            await UnregisterDeadlineAsync();
        }
        // else: woken early (a reminder's clock is not the TimeProvider's); the reminder stays aimed at the deadline.
    }

    private async Task<Result<RentalView>> MutateAsync(Func<RentalRecord, Result<RentalRecord>> transition)
    {
        if (state.State.Rental is not { } before) return UserError.NotFound("No such rental.");
        var result = transition(before);
        if (!result.IsSuccess || ReferenceEquals(result.Value, before)) return Map(result);
        return await CommitAsync(before, result.Value!);
    }

    private static Result<RentalView> Map(Result<RentalRecord> result) =>
        result.IsSuccess ? Result.Ok(result.Value!.ToView()) : Result<RentalView>.Fail(result.Error!);

    /// <summary>Persist first (with the event), then the reminder, publish, tell the others.</summary>
    private async Task<Result<RentalView>> CommitAsync(RentalRecord before, RentalRecord after)
    {
        after = after with { Version = before.Version + 1 };
        state.State.Rental = after;
        try
        {
            await Outbox.WriteWithAsync(EventFor(after));
        }
        catch
        {
            state.State.Rental = before;
            throw;
        }
        await SyncReminderAsync(after);
        await Outbox.PublishAsync();
        await NotifyAsync(before, after);
        return Result.Ok(after.ToView());
    }

    private async Task NotifyAsync(RentalRecord before, RentalRecord after)
    {
        var now = Now;
        foreach (var entered in after.History.Skip(before.History.Count).Select(h => h.Status))
        {
            switch (entered)
            {
                case RentalStatus.OVERDUE:
                    await alerts.RaiseAsync(new RiskAlert(AlertKind.RENTAL_OVERDUE, Severity.WARNING,
                        $"Rental {after.Id} of item {after.ItemId} was due at {after.Due:O} and is not returned.", now,
                        after.ItemId, after.OwnerId, after.CategoryId, after.RenterId));
                    break;
                case RentalStatus.COMPLETED:
                    await Renter(after).RecordRentalOutcomeAsync(new RentalOutcome(
                        after.Id, after.ItemId, RentalStatus.COMPLETED, after.ReturnedLate, after.DamageCharge, false, now));
                    await Owner(after).RecordRentalFactAsync(new SellerRentalFact(after.Id, RentalStatus.COMPLETED, after.DamageCharge > 0, false, now));
                    break;
                case RentalStatus.CANCELLED:
                    await GrainFactory.GetGrain<IItemGrain>(after.ItemId).CancelBookingAsync(after.Id);
                    await Renter(after).RecordRentalOutcomeAsync(new RentalOutcome(
                        after.Id, after.ItemId, RentalStatus.CANCELLED, false, 0m,
                        after.CancelledBy == RentalCancelledBy.Renter && after.PaidAt is not null, now));
                    if (after.CancelledBy == RentalCancelledBy.Owner)
                        await Owner(after).RecordRentalFactAsync(new SellerRentalFact(after.Id, RentalStatus.CANCELLED, false, true, now));
                    break;
            }
        }
    }

    private MarketEvent EventFor(RentalRecord rental) => new RentalChanged(RentalMarketEvents.Snapshot(rental), Now);

    // A deadline already passed (e.g. handed over after due) fires a second later, not at once: a reminder whose
    // first tick is not ahead of the reminder service's clock when it is scheduled waits a whole period.
    private Task SyncReminderAsync(RentalRecord rental) =>
        DeadlineReminders.AimAsync(this, DeadlineReminder, rental.NextWake, Now, PassedDeadlineDelay);

    private Task UnregisterDeadlineAsync() => DeadlineReminders.UnregisterAsync(this, DeadlineReminder);

    private IBuyerGrain Renter(RentalRecord rental) => GrainFactory.GetGrain<IBuyerGrain>(rental.RenterId);
    private ISellerGrain Owner(RentalRecord rental) => GrainFactory.GetGrain<ISellerGrain>(rental.OwnerId);
}
