using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Grains.Orders;

/// <summary>
/// The escrow state machine of the contract's "Order flow", as pure functions: each checks the
/// caller and the status, then returns a new record or an error (the input record is never changed).
/// The order grain performs the side effects (item, inspection, trust, buyer) around it.
/// </summary>
public static class OrderTransitions
{
    public static OrderRecord Place(string orderId, PlaceOrder command, string buyerId, ItemReservation item, MarketplaceOptions options, DateTimeOffset now)
    {
        var order = new OrderRecord
        {
            Id = orderId, ItemId = item.ItemId, BuyerId = buyerId, SellerId = item.SellerId,
            CategoryId = item.CategoryId, RegionId = item.RegionId, Price = item.Price,
            FeeRate = options.FeeRate, Fee = Money.Fee(item.Price, options.FeeRate),
            WithInspection = command.WithInspection, ClaimedGrade = item.ClaimedGrade, ListedAt = item.ListedAt,
            PlacementGrade = item.VerifiedGrade ?? item.ClaimedGrade, CategoryPath = item.CategoryPath ?? [item.CategoryId],
            IdempotencyKey = command.IdempotencyKey, PlacedAt = now,
        };
        return order.Enter(OrderStatus.AWAITING_PAYMENT, now, null)
            .WithDeadline(DeadlineKind.Payment, now + options.Deadlines.Payment);
    }

    /// <summary>True when a placeOrder retry with this command matches the order it created.</summary>
    public static bool SamePlacement(OrderRecord order, PlaceOrder command, string buyerId) =>
        order.BuyerId == buyerId && order.ItemId == command.ItemId && order.WithInspection == command.WithInspection
        && order.IdempotencyKey == command.IdempotencyKey;

    /// <summary>payOrder. The same key again returns the order unchanged (same instance: nothing to do).</summary>
    public static Result<OrderRecord> Pay(OrderRecord order, string idempotencyKey, CallerContext caller, DateTimeOffset now, TimeSpan shipBy)
    {
        if (!caller.Is(order.BuyerId)) return UserError.Forbidden("Only the order's buyer may pay it.");
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return UserError.InvalidInput("idempotencyKey", "An idempotency key is required.");
        if (order.PaymentKey == idempotencyKey) return Result.Ok(order);
        if (order.Status != OrderStatus.AWAITING_PAYMENT) return UserError.InvalidState($"The order is {order.Status}; it cannot be paid again.");
        if (order.Deadline is { } due && now >= due) return new UserError(ErrorCodes.DeadlinePassed, "The payment deadline has passed.");
        var shipByDeadline = now + shipBy;
        return Result.Ok(order.Enter(OrderStatus.PAID, now, "funds held in escrow")
            .Post(LedgerEntryKind.HOLD, order.Price, LedgerParties.Buyer(order.BuyerId), now)
            .WithDeadline(DeadlineKind.ShipBy, shipByDeadline) with
        { PaymentKey = idempotencyKey, PaidAt = now, ShipByDeadline = shipByDeadline });
    }

    /// <summary>shipOrder: still allowed after the ship-by deadline, but recorded as a late shipment.</summary>
    public static Result<OrderRecord> Ship(OrderRecord order, string trackingNumber, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(order.SellerId)) return UserError.Forbidden("Only the item's seller may ship the order.");
        if (string.IsNullOrWhiteSpace(trackingNumber)) return UserError.InvalidInput("trackingNumber", "A tracking number is required.");
        if (order.Status != OrderStatus.PAID) return UserError.InvalidState($"Only a PAID order can be shipped; it is {order.Status}.");
        var late = order.ShipByDeadline is { } shipBy && now > shipBy;
        var status = order.WithInspection ? OrderStatus.SHIPPED_TO_INSPECTION : OrderStatus.SHIPPED;
        var note = $"tracking {trackingNumber.Trim()}" + (late ? "; late shipment" : "");
        return Result.Ok(order.Enter(status, now, note).WithDeadline(DeadlineKind.None, null) with
        { TrackingNumber = trackingNumber.Trim(), LateShipment = late });
    }

    /// <summary>receiveForInspection: INSPECTING, and the inspector's decision deadline starts.</summary>
    public static Result<OrderRecord> ReceiveForInspection(OrderRecord order, CallerContext caller, DateTimeOffset now, TimeSpan inspectionDecision)
    {
        if (!caller.Has(Role.INSPECTOR)) return UserError.Forbidden("Only inspectors receive items for inspection.");
        if (order.Status != OrderStatus.SHIPPED_TO_INSPECTION)
            return UserError.InvalidState($"Only an order SHIPPED_TO_INSPECTION can be received; it is {order.Status}.");
        return Result.Ok(order.Enter(OrderStatus.INSPECTING, now, "received by the inspection centre")
            .WithDeadline(DeadlineKind.InspectionDecision, now + inspectionDecision));
    }

    /// <summary>Checks that a report may be submitted now (before the inspection grain records it).</summary>
    public static UserError? CanReport(OrderRecord order, CallerContext caller, DateTimeOffset now) =>
        !caller.Has(Role.INSPECTOR) ? UserError.Forbidden("Only inspectors submit inspection reports.")
        : order.Status != OrderStatus.INSPECTING ? UserError.InvalidState($"Only an INSPECTING order takes a report; it is {order.Status}.")
        : order.DeadlineKind == DeadlineKind.InspectionDecision && order.Deadline is { } due && now >= due
            ? new UserError(ErrorCodes.DeadlinePassed, "The inspection decision deadline has passed; the buyer is being refunded.")
        : null;

    /// <summary>submitInspectionReport: passed goes on to the buyer; failed refunds the buyer in full.</summary>
    public static Result<OrderRecord> ApplyInspection(OrderRecord order, InspectionView inspection, CallerContext caller, DateTimeOffset now)
    {
        if (CanReport(order, caller, now) is { } error) return error;
        var reported = (order with { Inspection = inspection }).WithDeadline(DeadlineKind.None, null);
        if (inspection.Passed == true)
            return Result.Ok(reported.Enter(OrderStatus.INSPECTION_PASSED, now, inspection.Notes)
                .Enter(OrderStatus.SHIPPED, now, "forwarded to the buyer"));
        var why = inspection.Authentic == false ? "not authentic" : "does not match the description";
        return Result.Ok(reported.Enter(OrderStatus.INSPECTION_FAILED, now, why)
            .Post(LedgerEntryKind.REFUND, order.Price, LedgerParties.Buyer(order.BuyerId), now)
            .Enter(OrderStatus.REFUNDED, now, "refunded after failed inspection"));
    }

    public static Result<OrderRecord> MarkDelivered(OrderRecord order, CallerContext caller, DateTimeOffset now, TimeSpan buyerProtection)
    {
        if (!caller.IsOperatorOrAdmin) return UserError.Forbidden("Only operators mark orders delivered.");
        if (order.Status != OrderStatus.SHIPPED) return UserError.InvalidState($"Only a SHIPPED order can be delivered; it is {order.Status}.");
        return Result.Ok(order.Enter(OrderStatus.DELIVERED, now, null)
            .WithDeadline(DeadlineKind.BuyerProtection, now + buyerProtection) with { DeliveredAt = now });
    }

    public static Result<OrderRecord> ConfirmReceipt(OrderRecord order, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(order.BuyerId)) return UserError.Forbidden("Only the order's buyer may confirm receipt.");
        if (order.Status != OrderStatus.DELIVERED) return UserError.InvalidState($"Only a DELIVERED order can be confirmed; it is {order.Status}.");
        return Result.Ok(Complete(order, 0m, now, "receipt confirmed by the buyer"));
    }

    /// <summary>The buyer-protection deadline passed without a dispute: complete by itself.</summary>
    public static OrderRecord? ExpireBuyerProtection(OrderRecord order, DateTimeOffset now) =>
        order.Status == OrderStatus.DELIVERED && order.Deadline is { } due && now >= due
            ? Complete(order, 0m, now, "buyer protection ended")
            : null;

    /// <summary>
    /// The inspector did not decide in time: the buyer is refunded in full and the item goes back to the seller
    /// (relisted: nothing was found against it, so no mismatch or authenticity failure is counted). The
    /// platform, not either party, missed its promise, so the buyer's money is not held any longer (docs/orders.md).
    /// </summary>
    public static OrderRecord? ExpireInspectionDecision(OrderRecord order, DateTimeOffset now) =>
        order.Status == OrderStatus.INSPECTING && order.DeadlineKind == DeadlineKind.InspectionDecision && order.Deadline is { } due && now >= due
            ? order.Post(LedgerEntryKind.REFUND, Ledger.Held(order.Ledger) - Ledger.PaidOut(order.Ledger), LedgerParties.Buyer(order.BuyerId), now)
                .Enter(OrderStatus.REFUNDED, now, "inspection decision deadline passed: refunded, item returned to the seller")
                .WithDeadline(DeadlineKind.None, null)
            : null;

    /// <summary>The payment deadline passed unpaid: cancel (the item is relisted by the grain).</summary>
    public static OrderRecord? ExpirePayment(OrderRecord order, DateTimeOffset now) =>
        order.Status == OrderStatus.AWAITING_PAYMENT && order.Deadline is { } due && now >= due
            ? order.Enter(OrderStatus.CANCELLED, now, "payment deadline passed").WithDeadline(DeadlineKind.None, null) with
            { CancelledBy = CancelledBy.PaymentDeadline }
            : null;

    public static Result<OrderRecord> Cancel(OrderRecord order, string? reason, CallerContext caller, DateTimeOffset now)
    {
        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (caller.Is(order.SellerId))
        {
            if (order.Status is not (OrderStatus.AWAITING_PAYMENT or OrderStatus.PAID))
                return UserError.InvalidState($"The seller may cancel only before shipment; the order is {order.Status}.");
            return Result.Ok(CancelWithRefund(order, now, "cancelled by the seller" + Suffix(note)) with { CancelledBy = CancelledBy.Seller });
        }
        if (caller.Is(order.BuyerId))
        {
            if (order.Status == OrderStatus.PAID)
            {
                if (order.ShipByDeadline is { } shipBy && now < shipBy)
                    return UserError.InvalidState("A paid order can be cancelled by the buyer only after the ship-by deadline has passed.");
            }
            else if (order.Status != OrderStatus.AWAITING_PAYMENT)
                return UserError.InvalidState($"The buyer cannot cancel an order that is {order.Status}.");
            return Result.Ok(CancelWithRefund(order, now, "cancelled by the buyer" + Suffix(note)) with { CancelledBy = CancelledBy.Buyer });
        }
        return UserError.Forbidden("Only the order's buyer or seller may cancel it.");
    }

    public static Result<OrderRecord> OpenDispute(OrderRecord order, string reason, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.Is(order.BuyerId)) return UserError.Forbidden("Only the order's buyer may open a dispute.");
        if (string.IsNullOrWhiteSpace(reason)) return UserError.InvalidInput("reason", "A reason is required.");
        if (order.Status != OrderStatus.DELIVERED) return UserError.InvalidState($"Only a DELIVERED order can be disputed; it is {order.Status}.");
        if (order.Deadline is { } due && now >= due) return new UserError(ErrorCodes.DeadlinePassed, "The buyer-protection period has ended.");
        return Result.Ok(order.Enter(OrderStatus.DISPUTED, now, reason.Trim()).WithDeadline(DeadlineKind.None, null) with
        { Dispute = new Dispute(reason.Trim(), now) });
    }

    public static Result<OrderRecord> ResolveDispute(OrderRecord order, DisputeOutcome outcome, decimal? refundAmount, CallerContext caller, DateTimeOffset now)
    {
        if (!caller.IsOperatorOrAdmin) return UserError.Forbidden("Only operators resolve disputes.");
        if (order.Status != OrderStatus.DISPUTED || order.Dispute is null)
            return UserError.InvalidState($"Only a DISPUTED order can be resolved; it is {order.Status}.");
        switch (outcome)
        {
            case DisputeOutcome.REFUND:
                return Result.Ok(order.Post(LedgerEntryKind.REFUND, order.Price, LedgerParties.Buyer(order.BuyerId), now)
                    .Enter(OrderStatus.REFUNDED, now, "dispute resolved: refund") with
                { Dispute = order.Dispute with { Outcome = outcome, RefundAmount = order.Price, ResolvedAt = now } });
            case DisputeOutcome.RELEASE:
                return Result.Ok(Complete(order, 0m, now, "dispute resolved: release") with
                { Dispute = order.Dispute with { Outcome = outcome, ResolvedAt = now } });
            case DisputeOutcome.PARTIAL_REFUND:
                if (refundAmount is not { } amount || amount <= 0 || amount >= order.Price)
                    return UserError.InvalidInput("refundAmount", $"A partial refund needs 0 < refundAmount < {order.Price}.");
                if (!Money.HasAtMostTwoDecimals(amount))
                    return UserError.InvalidInput("refundAmount", "The amount may have at most two decimals.");
                return Result.Ok(Complete(order, amount, now, $"dispute resolved: partial refund of {amount:0.00}") with
                { Dispute = order.Dispute with { Outcome = outcome, RefundAmount = amount, ResolvedAt = now } });
            default:
                return UserError.InvalidInput("outcome", $"Unknown outcome {outcome}.");
        }
    }

    public static Result<OrderRecord> Rate(OrderRecord order, int stars, CallerContext caller)
    {
        if (!caller.Is(order.BuyerId)) return UserError.Forbidden("Only the order's buyer may rate the seller.");
        if (stars is < 1 or > 5) return UserError.InvalidInput("stars", "Stars must be between 1 and 5.");
        if (order.Status != OrderStatus.COMPLETED) return UserError.InvalidState("Only a COMPLETED order can be rated.");
        if (order.Rating is not null) return UserError.InvalidState("This order has already been rated.");
        return Result.Ok(order with { Rating = stars });
    }

    /// <summary>COMPLETED: optional REFUND to the buyer, FEE on what the seller keeps, RELEASE of the rest.</summary>
    private static OrderRecord Complete(OrderRecord order, decimal refund, DateTimeOffset now, string note)
    {
        var kept = order.Price - refund;
        var fee = Money.Fee(kept, order.FeeRate);
        var result = order;
        if (refund > 0) result = result.Post(LedgerEntryKind.REFUND, refund, LedgerParties.Buyer(order.BuyerId), now);
        return result
            .Post(LedgerEntryKind.FEE, fee, LedgerParties.Platform, now)
            .Post(LedgerEntryKind.RELEASE, kept - fee, LedgerParties.Seller(order.SellerId), now)
            .Enter(OrderStatus.COMPLETED, now, note)
            .WithDeadline(DeadlineKind.None, null) with { Fee = fee, CompletedAt = now };
    }

    private static OrderRecord CancelWithRefund(OrderRecord order, DateTimeOffset now, string note)
    {
        var result = order;
        var held = Ledger.Held(order.Ledger) - Ledger.PaidOut(order.Ledger);
        if (held > 0) result = result.Post(LedgerEntryKind.REFUND, held, LedgerParties.Buyer(order.BuyerId), now);
        return result.Enter(OrderStatus.CANCELLED, now, note).WithDeadline(DeadlineKind.None, null);
    }

    private static string Suffix(string? note) => note is null ? "" : $": {note}";

    private static OrderRecord Enter(this OrderRecord order, OrderStatus status, DateTimeOffset at, string? note) =>
        order with { Status = status, History = [.. order.History, new OrderEvent(status, at, note)] };

    private static OrderRecord Post(this OrderRecord order, LedgerEntryKind kind, decimal amount, string party, DateTimeOffset at) =>
        order with { Ledger = [.. order.Ledger, new LedgerEntry(kind, amount, party, at)] };

    private static OrderRecord WithDeadline(this OrderRecord order, DeadlineKind kind, DateTimeOffset? at) =>
        order with { DeadlineKind = kind, Deadline = at };
}
