using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Orders;

public sealed class OrderState
{
    public OrderRecord? Order { get; set; }
    /// <summary>Market events written with the change they announce and not yet known to be published (outbox).</summary>
    public List<MarketEvent> Outbox { get; set; } = [];
    /// <summary>
    /// History entries the item, seller and buyer grains have been told about (stored with the next write, so it
    /// may lag: telling again is harmless, each receiver applies a fact once per order). Null in orders stored
    /// before it was kept: all told.
    /// </summary>
    public int? ToldEntries { get; set; }
    public bool RatingTold { get; set; }
}

/// <summary>
/// The escrow order: <see cref="OrderTransitions"/> decides, this grain persists the result first and
/// then tells the item, inspection, seller and buyer grains (each of which applies a fact once, so a
/// retry after a failure never double-counts). Deadlines are one durable reminder re-aimed at each step.
/// Every change that enters a status publishes a market event through the persisted outbox
/// (<see cref="MarketEventOutbox"/>), so subscribers and the read side see every status, retried until out.
/// Calls go one way only (order -> item/inspection/seller/buyer), so no call cycles between grains.
/// No acknowledged change loses its follow-ups: before each write the deadline reminder is aimed a few seconds
/// ahead, so if the silo dies before the event is out and the others are told, the reminder (on whichever silo
/// owns the order then) does it; once they are done it is re-aimed at the real deadline or removed.
/// </summary>
[GrainType("order")]
public sealed class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderState> state,
    IOptions<MarketplaceOptions> options, TimeProvider time, IRiskAlertSink alerts, ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    internal const string DeadlineReminder = "order-deadline";
    /// <summary>Registered before the item is reserved, named after the item: "order-placing:&lt;itemId&gt;".</summary>
    internal const string PlacementReminderPrefix = "order-placing:";

    private MarketplaceOptions Options => options.Value;
    private DateTimeOffset Now => time.GetUtcNow();

    private MarketEventOutbox? _outbox;
    private MarketEventOutbox Outbox => _outbox ??= new(this, () => state.State.Outbox, state.WriteStateAsync, Options.Events, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Outbox.OnActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Outbox.OnDeactivateAsync(reason);

    public async Task<Result<OrderView>> PlaceAsync(PlaceOrder command, CallerContext caller)
    {
        if (caller.UserId is not { } buyerId || !caller.Has(Role.USER)) return UserError.Forbidden("Only users place orders.");
        if (state.State.Order is { } existing)
            return OrderTransitions.SamePlacement(existing, command, buyerId)
                ? Result.Ok(existing.ToView())
                : new UserError(ErrorCodes.IdempotencyConflict, "This idempotency key was already used for a different order.", ["input", "idempotencyKey"]);
        if (Validation.Id(command.ItemId, "itemId") is { } error) return error;

        var orderId = this.GetPrimaryKeyString();
        var item = GrainFactory.GetGrain<IItemGrain>(command.ItemId);
        // Between the item's reservation and the order's write a crash would leave the item reserved for an order that
        // does not exist (and unsold for good if the buyer never retries): this wake-up releases it then.
        await this.RegisterOrUpdateReminder(PlacementReminderPrefix + command.ItemId, Options.Events.RetryDelay, DeadlineReminders.RetryPeriod);
        // An accepted offer reserves at its agreed price; the item's reservation stays the one place that picks the winner.
        var reservation = command.OfferId is { } offerId
            ? await item.ReserveForOfferAsync(orderId, buyerId, offerId)
            : await item.ReserveAsync(orderId, buyerId);
        if (!reservation.IsSuccess)
        {
            if (reservation.Error!.Code == ErrorCodes.SelfPurchase)
                await alerts.RaiseAsync(new RiskAlert(AlertKind.SELF_DEALING, Severity.WARNING,
                    $"Seller {buyerId} tried to order their own item {command.ItemId}.", Now, command.ItemId, buyerId, BuyerId: buyerId));
            if (reservation.Error.Code == ErrorCodes.NotFound)
                return UserError.InvalidInput("itemId", $"Unknown item '{command.ItemId}'.") with { Code = ErrorCodes.NotFound };
            return reservation.Error;
        }

        var order = OrderTransitions.Place(orderId, command, buyerId, reservation.Value!, Options, Now) with { Version = 1 };
        try
        {
            await AimAtFollowUpAsync();
            state.State.Order = order;
            state.State.ToldEntries = 0;
            await Outbox.WriteWithAsync(EventFor(null, order));
        }
        catch
        {
            state.State.Order = null;
            state.State.ToldEntries = null;
            await item.ReleaseAsync(orderId, relist: true); // do not leave the item reserved for an order that does not exist
            throw;
        }
        await FollowUpAsync(order);
        return Result.Ok(order.ToView());
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(state.State.Order?.ToView());

    public async Task<Result<OrderView>> PayAsync(string idempotencyKey, CallerContext caller)
    {
        if (state.State.Order is not { } before) return UserError.NotFound("No such order.");
        var result = OrderTransitions.Pay(before, idempotencyKey, caller, Now, Options.Deadlines.ShipBy);
        if (!result.IsSuccess || ReferenceEquals(result.Value, before)) return Map(result);

        var owner = await Buyer(before).ClaimPaymentKeyAsync(idempotencyKey, before.Id);
        if (owner != before.Id)
            return new UserError(ErrorCodes.IdempotencyConflict, "This idempotency key already paid another order.", ["input", "idempotencyKey"]);
        var after = result.Value!;
        if (after.WithInspection)
        {
            var inspection = await Inspection(after).RequestAsync(after.ItemId, after.ClaimedGrade);
            after = after with { Inspection = inspection.Unwrap() };
        }
        return await CommitAsync(before, after);
    }

    public Task<Result<OrderView>> ShipAsync(string trackingNumber, CallerContext caller) =>
        MutateAsync(order => OrderTransitions.Ship(order, trackingNumber, caller, Now));

    public async Task<Result<OrderView>> ReceiveForInspectionAsync(CallerContext caller)
    {
        if (state.State.Order is not { } before) return UserError.NotFound("No such order.");
        var result = OrderTransitions.ReceiveForInspection(before, caller, Now, Options.Deadlines.InspectionDecision);
        if (!result.IsSuccess) return Map(result);
        var inspection = await Inspection(before).ReceiveAsync(caller.UserId ?? "");
        if (!inspection.IsSuccess) return inspection.Error!;
        return await CommitAsync(before, result.Value! with { Inspection = inspection.Value });
    }

    public async Task<Result<OrderView>> SubmitInspectionReportAsync(InspectionReport report, CallerContext caller)
    {
        if (state.State.Order is not { } before) return UserError.NotFound("No such order.");
        var decidedAt = Now; // the report counts as made now: the deadline check and the transition agree
        if (OrderTransitions.CanReport(before, caller, decidedAt) is { } refused) return refused;
        var reported = await Inspection(before).ReportAsync(report, caller.UserId ?? "");
        if (!reported.IsSuccess) return reported.Error!;
        var inspection = reported.Value!;
        var after = OrderTransitions.ApplyInspection(before, inspection, caller, decidedAt).Unwrap();

        var item = GrainFactory.GetGrain<IItemGrain>(before.ItemId);
        await item.SetVerifiedGradeAsync(before.Id, report.VerifiedGrade);
        if (inspection.DescriptionMismatch)
            await Seller(before).RecordOrderFactAsync(new SellerOrderFact(before.Id, SellerOrderFactKind.DescriptionMismatch, Now));
        if (!report.Authentic)
            await Seller(before).RecordOrderFactAsync(new SellerOrderFact(before.Id, SellerOrderFactKind.AuthenticityFailure, Now));
        return await CommitAsync(before, after);
    }

    public Task<Result<OrderView>> MarkDeliveredAsync(CallerContext caller) =>
        MutateAsync(order => OrderTransitions.MarkDelivered(order, caller, Now, Options.Deadlines.BuyerProtection));

    public Task<Result<OrderView>> ConfirmReceiptAsync(CallerContext caller) =>
        MutateAsync(order => OrderTransitions.ConfirmReceipt(order, caller, Now));

    public Task<Result<OrderView>> CancelAsync(string? reason, CallerContext caller) =>
        MutateAsync(order => OrderTransitions.Cancel(order, reason, caller, Now));

    public Task<Result<OrderView>> OpenDisputeAsync(string reason, CallerContext caller) =>
        MutateAsync(order => OrderTransitions.OpenDispute(order, reason, caller, Now));

    public Task<Result<OrderView>> ResolveDisputeAsync(DisputeOutcome outcome, decimal? refundAmount, CallerContext caller) =>
        MutateAsync(order => OrderTransitions.ResolveDispute(order, outcome, refundAmount, caller, Now));

    public Task<Result<OrderView>> RateSellerAsync(int stars, CallerContext caller) =>
        MutateAsync(order => OrderTransitions.Rate(order, stars, caller));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == MarketEventOutbox.RetryReminder)
        {
            await Outbox.OnRetryReminderAsync();
            return;
        }
        if (reminderName.StartsWith(PlacementReminderPrefix, StringComparison.Ordinal))
        {
            if (state.State.Order is null) // never stored: the reservation (if it happened) belongs to nobody
                await GrainFactory.GetGrain<IItemGrain>(reminderName[PlacementReminderPrefix.Length..]).ReleaseAsync(this.GetPrimaryKeyString(), relist: true);
            await DeadlineReminders.UnregisterAsync(this, reminderName);
            return;
        }
        if (reminderName != DeadlineReminder) return;
        if (state.State.Order is not { } before)
        {
            await UnregisterDeadlineAsync();
            return;
        }
        var followedUp = await PublishAndTellAsync(before);
        var now = Now;
        var after = before.DeadlineKind switch
        {
            DeadlineKind.Payment => OrderTransitions.ExpirePayment(before, now),
            DeadlineKind.BuyerProtection => OrderTransitions.ExpireBuyerProtection(before, now),
            DeadlineKind.InspectionDecision => OrderTransitions.ExpireInspectionDecision(before, now),
            _ => null,
        };
        if (after is not null)
        {
            logger.LogInformation("Order {OrderId}: {Kind} deadline passed, now {Status}", before.Id, before.DeadlineKind, after.Status);
            await CommitAsync(before, after);
        }
        else if (before.Deadline is not { } due || now >= due)
        {
            // Ship-by passing changes no status (the buyer may now cancel; a later shipment counts late): nothing more to wake for.
            if (followedUp) await UnregisterDeadlineAsync();
        }
        else if (followedUp)
        {
            await SyncReminderAsync(before); // woken early for follow-ups: sleep until the deadline
        }
    }

    private async Task<Result<OrderView>> MutateAsync(Func<OrderRecord, Result<OrderRecord>> transition)
    {
        if (state.State.Order is not { } before) return UserError.NotFound("No such order.");
        var result = transition(before);
        if (!result.IsSuccess || ReferenceEquals(result.Value, before)) return Map(result);
        return await CommitAsync(before, result.Value!);
    }

    private static Result<OrderView> Map(Result<OrderRecord> result) =>
        result.IsSuccess ? Result.Ok(result.Value!.ToView()) : Result<OrderView>.Fail(result.Error!);

    /// <summary>Persist first (the order is the source of truth, its event goes with it), then the reminder, publish, tell the others.</summary>
    private async Task<Result<OrderView>> CommitAsync(OrderRecord before, OrderRecord after)
    {
        var hasEvent = OrderMarketEvents.For(before, after) is not null;
        if (hasEvent) after = after with { Version = before.Version + 1 };
        await AimAtFollowUpAsync();
        var toldBefore = state.State.ToldEntries;
        state.State.ToldEntries ??= before.History.Count;
        state.State.Order = after;
        try
        {
            if (hasEvent) await Outbox.WriteWithAsync(EventFor(before, after));
            else await state.WriteStateAsync();
        }
        catch
        {
            state.State.Order = before;
            state.State.ToldEntries = toldBefore;
            throw;
        }
        await FollowUpAsync(after);
        return Result.Ok(after.ToView());
    }

    /// <summary>Before a write: the reminder wakes the order soon, so a crash before the follow-ups cannot lose them.</summary>
    private Task AimAtFollowUpAsync() => this.RegisterOrUpdateReminder(DeadlineReminder, Options.Events.RetryDelay, DeadlineReminders.RetryPeriod);

    /// <summary>After a write: publish, tell the others, then aim the reminder at the deadline (or drop it); a failure leaves the early wake-up.</summary>
    private async Task FollowUpAsync(OrderRecord order)
    {
        if (await PublishAndTellAsync(order)) await SyncReminderAsync(order);
    }

    private async Task<bool> PublishAndTellAsync(OrderRecord order)
    {
        try
        {
            await Outbox.PublishAsync();
            await TellOthersAsync(order);
            return Outbox.Pending.Count == 0;
        }
        catch (Exception ex)
        {
            // The change is stored; the reminder retries what is left.
            logger.LogWarning(ex, "Order {OrderId}: follow-ups of a stored change failed; the order's reminder retries them", order.Id);
            return false;
        }
    }

    /// <summary>Tells the item, seller and buyer grains about each status entered since they were last told.</summary>
    private async Task TellOthersAsync(OrderRecord order)
    {
        var told = state.State.ToldEntries ?? order.History.Count;
        for (var index = told; index < order.History.Count; index++)
        {
            await TellEnteredAsync(order, order.History[index].Status, index == 0 ? null : order.History[index - 1].Status, order.History[index].At);
            state.State.ToldEntries = index + 1;
        }
        if (order.Rating is { } stars && !state.State.RatingTold)
        {
            await Seller(order).RecordOrderFactAsync(new SellerOrderFact(order.Id, SellerOrderFactKind.Rated, Now, Stars: stars));
            state.State.RatingTold = true;
        }
    }

    private async Task TellEnteredAsync(OrderRecord after, OrderStatus entered, OrderStatus? previous, DateTimeOffset at)
    {
        var seller = Seller(after);
        var item = GrainFactory.GetGrain<IItemGrain>(after.ItemId);
        switch (entered)
        {
            case OrderStatus.AWAITING_PAYMENT when previous is null:
                await Buyer(after).RecordOrderPlacedAsync(after.Id, after.PlacedAt);
                await Buyer(after).RecordItemOrderedAsync(after.Id, after.ItemId);
                await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.Placed, after.PlacedAt));
                break;
            case OrderStatus.SHIPPED or OrderStatus.SHIPPED_TO_INSPECTION when previous == OrderStatus.PAID:
                await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, after.LateShipment ? SellerOrderFactKind.LateShipped : SellerOrderFactKind.Shipped, at));
                break;
            case OrderStatus.DELIVERED:
                await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.Delivered, at));
                break;
            case OrderStatus.DISPUTED:
                await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.DisputeOpened, at));
                await Buyer(after).RecordDisputeOpenedAsync(after.Id, at);
                break;
            case OrderStatus.COMPLETED:
                await item.MarkSoldAsync(after.Id);
                await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.Completed, at,
                    after.Price, after.Refunded, after.ListedAt, after.PaidAt));
                if (after.Dispute?.Outcome == DisputeOutcome.RELEASE) // before the completion: the pair never raises the trust score
                    await Buyer(after).RecordDisputeLostAsync(after.Id, at);
                await Buyer(after).RecordOrderCompletedAsync(after.Id, after.Price - after.Refunded, at);
                if (after.Dispute?.Outcome == DisputeOutcome.PARTIAL_REFUND)
                    await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.DisputeLost, at));
                break;
            case OrderStatus.REFUNDED:
                // After a failed inspection a fake goes off the market; a genuine item is listed again.
                await item.ReleaseAsync(after.Id, relist: after.Inspection?.Authentic != false);
                if (after.Dispute?.Outcome == DisputeOutcome.REFUND)
                    await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.DisputeLost, at));
                break;
            case OrderStatus.CANCELLED:
                await item.ReleaseAsync(after.Id, relist: true);
                if (after.CancelledBy == CancelledBy.Seller)
                    await seller.RecordOrderFactAsync(new SellerOrderFact(after.Id, SellerOrderFactKind.SellerCancelled, at));
                else if (after.CancelledBy == CancelledBy.Buyer)
                    await Buyer(after).RecordBuyerCancellationAsync(after.Id, at);
                else if (after.CancelledBy == CancelledBy.PaymentDeadline)
                    await Buyer(after).RecordPaymentExpiredAsync(after.Id, at);
                break;
        }
    }

    private MarketEvent EventFor(OrderRecord? before, OrderRecord after) =>
        OrderMarketEvents.For(before, after)!(OrderMarketEvents.Snapshot(after), Now);

    private Task SyncReminderAsync(OrderRecord order) =>
        DeadlineReminders.AimAsync(this, DeadlineReminder, order.DeadlineKind != DeadlineKind.None ? order.Deadline : null, Now, TimeSpan.Zero);

    private Task UnregisterDeadlineAsync() => DeadlineReminders.UnregisterAsync(this, DeadlineReminder);

    private IBuyerGrain Buyer(OrderRecord order) => GrainFactory.GetGrain<IBuyerGrain>(order.BuyerId);
    private ISellerGrain Seller(OrderRecord order) => GrainFactory.GetGrain<ISellerGrain>(order.SellerId);
    private IInspectionGrain Inspection(OrderRecord order) => GrainFactory.GetGrain<IInspectionGrain>(order.Id);
}
