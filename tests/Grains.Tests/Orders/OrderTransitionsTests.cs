using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Orders;
using static Marketplace.Grains.Tests.Orders.OrderFixture;

namespace Marketplace.Grains.Tests.Orders;

public class OrderTransitionsTests
{
    private static void AssertLedger(OrderRecord order, params (LedgerEntryKind Kind, decimal Amount, string Party)[] expected)
    {
        Assert.Equal(expected, order.Ledger.Select(e => (e.Kind, e.Amount, e.Party)).ToArray());
        Assert.True(Ledger.IsBalanced(order), "HOLD = RELEASE + FEE + REFUND at terminal status, ≤ before");
    }

    private static OrderStatus[] Statuses(OrderRecord order) => order.History.Select(h => h.Status).ToArray();

    [Fact]
    public void Placing_awaits_payment_with_the_payment_deadline_and_the_fee_quoted()
    {
        var order = Placed(2899.00m);
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, order.Status);
        Assert.Equal(T0 + Options.Deadlines.Payment, order.Deadline);
        Assert.Equal(144.95m, order.Fee);
        Assert.Empty(order.Ledger);
    }

    [Fact]
    public void Happy_path_completes_with_fee_to_platform_and_the_rest_to_the_seller()
    {
        var completed = OrderTransitions.ConfirmReceipt(Delivered(10.10m), Buyer, T0.AddDays(2)).Unwrap();
        Assert.Equal(OrderStatus.COMPLETED, completed.Status);
        Assert.Equal([OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED], Statuses(completed));
        AssertLedger(completed, (LedgerEntryKind.HOLD, 10.10m, "buyer:buyer-1"), (LedgerEntryKind.FEE, 0.51m, "platform"), (LedgerEntryKind.RELEASE, 9.59m, "seller:seller-1"));
        Assert.Null(completed.Deadline);
    }

    [Fact]
    public void Pay_holds_the_price_and_sets_the_ship_by_deadline()
    {
        var paid = Paid();
        Assert.Equal(OrderStatus.PAID, paid.Status);
        Assert.Equal(T0.AddMinutes(1) + Options.Deadlines.ShipBy, paid.Deadline);
        AssertLedger(paid, (LedgerEntryKind.HOLD, 100.00m, "buyer:buyer-1"));
    }

    [Fact]
    public void Pay_retry_with_the_same_key_returns_the_same_record_and_adds_nothing()
    {
        var paid = Paid();
        var retry = OrderTransitions.Pay(paid, "pay-1", Buyer, T0.AddMinutes(5), Options.Deadlines.ShipBy);
        Assert.Same(paid, retry.Value);
        Assert.Single(retry.Value!.Ledger);
    }

    [Fact]
    public void Pay_with_a_new_key_on_a_paid_order_is_invalid_state()
    {
        var error = OrderTransitions.Pay(Paid(), "pay-2", Buyer, T0.AddMinutes(5), Options.Deadlines.ShipBy).Error;
        Assert.Equal(ErrorCodes.InvalidState, error!.Code);
    }

    [Fact]
    public void Pay_after_the_payment_deadline_is_refused()
    {
        var placed = Placed();
        var error = OrderTransitions.Pay(placed, "pay-1", Buyer, T0 + Options.Deadlines.Payment, Options.Deadlines.ShipBy).Error;
        Assert.Equal(ErrorCodes.DeadlinePassed, error!.Code);
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, placed.Status);
    }

    [Fact]
    public void Only_the_buyer_pays_and_only_the_seller_ships()
    {
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.Pay(Placed(), "k", Seller, T0, Options.Deadlines.ShipBy).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.Ship(Paid(), "T", Buyer, T0).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.ConfirmReceipt(Delivered(), Seller, T0).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.MarkDelivered(Shipped(), Buyer, T0, TimeSpan.FromDays(3)).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.Cancel(Placed(), null, Stranger, T0).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.ResolveDispute(Disputed(), DisputeOutcome.REFUND, null, Buyer, T0).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.ReceiveForInspection(Paid(withInspection: true), Seller, T0, Options.Deadlines.InspectionDecision).Error!.Code);
    }

    [Fact]
    public void Late_shipment_still_ships_but_is_recorded()
    {
        var paid = Paid();
        var shipped = OrderTransitions.Ship(paid, "TRK", Seller, paid.ShipByDeadline!.Value.AddSeconds(1)).Unwrap();
        Assert.Equal(OrderStatus.SHIPPED, shipped.Status);
        Assert.True(shipped.LateShipment);
        Assert.False(Shipped().LateShipment);
    }

    [Fact]
    public void Inspection_pass_forwards_to_the_buyer()
    {
        var report = new InspectionReport(Grade.LIKE_NEW, true, true, true, "ok");
        var order = OrderTransitions.ApplyInspection(Inspecting(), Report(report), Inspector, T0.AddHours(21)).Unwrap();
        Assert.Equal(OrderStatus.SHIPPED, order.Status);
        Assert.Equal([OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED_TO_INSPECTION, OrderStatus.INSPECTING, OrderStatus.INSPECTION_PASSED, OrderStatus.SHIPPED], Statuses(order));
        Assert.True(order.Inspection!.Passed);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Inspection_failure_refunds_the_buyer_in_full(bool authentic, bool matches)
    {
        var report = new InspectionReport(Grade.GOOD, authentic, matches, false, null);
        var order = OrderTransitions.ApplyInspection(Inspecting(), Report(report), Inspector, T0.AddHours(21)).Unwrap();
        Assert.Equal(OrderStatus.REFUNDED, order.Status);
        Assert.Equal(OrderStatus.INSPECTION_FAILED, order.History[^2].Status);
        AssertLedger(order, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.REFUND, 100m, "buyer:buyer-1"));
    }

    [Fact]
    public void Description_mismatch_counts_when_the_verified_grade_is_below_the_claimed_grade()
    {
        Assert.True(Report(new InspectionReport(Grade.GOOD, true, true, true)).DescriptionMismatch);
        Assert.False(Report(new InspectionReport(Grade.NEW, true, true, true)).DescriptionMismatch);
        Assert.False(Report(new InspectionReport(Grade.LIKE_NEW, true, true, true)).DescriptionMismatch);
        Assert.True(Report(new InspectionReport(Grade.LIKE_NEW, true, false, true)).DescriptionMismatch);
    }

    [Fact]
    public void Buyer_protection_expiry_completes_only_once_due()
    {
        var delivered = Delivered();
        Assert.Null(OrderTransitions.ExpireBuyerProtection(delivered, delivered.Deadline!.Value.AddSeconds(-1)));
        var completed = OrderTransitions.ExpireBuyerProtection(delivered, delivered.Deadline!.Value)!;
        Assert.Equal(OrderStatus.COMPLETED, completed.Status);
        Assert.True(Ledger.IsBalanced(completed));
    }

    [Fact]
    public void Payment_expiry_cancels_only_unpaid_orders()
    {
        var placed = Placed();
        var cancelled = OrderTransitions.ExpirePayment(placed, placed.Deadline!.Value)!;
        Assert.Equal(OrderStatus.CANCELLED, cancelled.Status);
        Assert.Equal(CancelledBy.PaymentDeadline, cancelled.CancelledBy);
        Assert.Null(OrderTransitions.ExpirePayment(Paid(), T0.AddDays(30)));
    }

    [Fact]
    public void Buyer_cancels_unpaid_order_but_a_paid_one_only_after_ship_by()
    {
        Assert.Equal(OrderStatus.CANCELLED, OrderTransitions.Cancel(Placed(), null, Buyer, T0).Unwrap().Status);
        var paid = Paid();
        Assert.Equal(ErrorCodes.InvalidState, OrderTransitions.Cancel(paid, null, Buyer, paid.ShipByDeadline!.Value.AddSeconds(-1)).Error!.Code);
        var cancelled = OrderTransitions.Cancel(paid, "never shipped", Buyer, paid.ShipByDeadline!.Value).Unwrap();
        Assert.Equal(CancelledBy.Buyer, cancelled.CancelledBy);
        AssertLedger(cancelled, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.REFUND, 100m, "buyer:buyer-1"));
    }

    [Fact]
    public void Seller_cancels_before_shipment_with_refund_if_paid()
    {
        var unpaid = OrderTransitions.Cancel(Placed(), null, Seller, T0).Unwrap();
        Assert.Equal(CancelledBy.Seller, unpaid.CancelledBy);
        AssertLedger(unpaid);
        var paid = OrderTransitions.Cancel(Paid(), "sold elsewhere", Seller, T0.AddHours(1)).Unwrap();
        AssertLedger(paid, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.REFUND, 100m, "buyer:buyer-1"));
        Assert.Equal(ErrorCodes.InvalidState, OrderTransitions.Cancel(Shipped(), null, Seller, T0.AddDays(1)).Error!.Code);
    }

    [Fact]
    public void Dispute_only_while_delivered_and_before_the_protection_deadline()
    {
        var delivered = Delivered();
        Assert.Equal(ErrorCodes.DeadlinePassed, OrderTransitions.OpenDispute(delivered, "x", Buyer, delivered.Deadline!.Value).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, OrderTransitions.OpenDispute(Shipped(), "x", Buyer, T0.AddDays(1)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, OrderTransitions.OpenDispute(delivered, " ", Buyer, T0.AddDays(1)).Error!.Code);
        var disputed = Disputed();
        Assert.Equal(OrderStatus.DISPUTED, disputed.Status);
        Assert.Null(disputed.Deadline);
    }

    [Fact]
    public void Dispute_refund_returns_everything_to_the_buyer()
    {
        var order = OrderTransitions.ResolveDispute(Disputed(), DisputeOutcome.REFUND, null, Operator, T0.AddDays(3)).Unwrap();
        Assert.Equal(OrderStatus.REFUNDED, order.Status);
        AssertLedger(order, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.REFUND, 100m, "buyer:buyer-1"));
        Assert.Equal(DisputeOutcome.REFUND, order.Dispute!.Outcome);
    }

    [Fact]
    public void Dispute_release_completes_as_a_normal_sale()
    {
        var order = OrderTransitions.ResolveDispute(Disputed(), DisputeOutcome.RELEASE, null, Operator, T0.AddDays(3)).Unwrap();
        Assert.Equal(OrderStatus.COMPLETED, order.Status);
        AssertLedger(order, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.FEE, 5m, "platform"), (LedgerEntryKind.RELEASE, 95m, "seller:seller-1"));
    }

    [Fact]
    public void Partial_refund_charges_the_fee_on_what_the_seller_keeps()
    {
        var order = OrderTransitions.ResolveDispute(Disputed(100m), DisputeOutcome.PARTIAL_REFUND, 30.10m, Operator, T0.AddDays(3)).Unwrap();
        Assert.Equal(OrderStatus.COMPLETED, order.Status);
        // kept 69.90, fee 3.495 -> 3.50, release 66.40
        AssertLedger(order, (LedgerEntryKind.HOLD, 100m, "buyer:buyer-1"), (LedgerEntryKind.REFUND, 30.10m, "buyer:buyer-1"),
            (LedgerEntryKind.FEE, 3.50m, "platform"), (LedgerEntryKind.RELEASE, 66.40m, "seller:seller-1"));
        Assert.Equal(3.50m, order.Fee);
        Assert.Equal(30.10m, order.Refunded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("150")]
    [InlineData("1.001")]
    public void Partial_refund_amount_must_be_strictly_between_zero_and_the_price(string? amount)
    {
        var disputed = Disputed();
        var result = OrderTransitions.ResolveDispute(disputed, DisputeOutcome.PARTIAL_REFUND, amount is null ? null : decimal.Parse(amount), Operator, T0.AddDays(3));
        Assert.Equal(ErrorCodes.InvalidInput, result.Error!.Code);
        Assert.Equal(["input", "refundAmount"], result.Error.Field!);
        Assert.Equal(OrderStatus.DISPUTED, disputed.Status);
    }

    [Fact]
    public void Rating_once_on_a_completed_order_with_one_to_five_stars()
    {
        var completed = OrderTransitions.ConfirmReceipt(Delivered(), Buyer, T0.AddDays(2)).Unwrap();
        Assert.Equal(ErrorCodes.InvalidInput, OrderTransitions.Rate(completed, 6, Buyer).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, OrderTransitions.Rate(completed, 0, Buyer).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, OrderTransitions.Rate(completed, 5, Seller).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, OrderTransitions.Rate(Delivered(), 5, Buyer).Error!.Code);
        var rated = OrderTransitions.Rate(completed, 4, Buyer).Unwrap();
        Assert.Equal(4, rated.Rating);
        Assert.Equal(ErrorCodes.InvalidState, OrderTransitions.Rate(rated, 5, Buyer).Error!.Code);
    }

    /// <summary>Every refusal leaves the record as it was: transitions never mutate their input.</summary>
    [Fact]
    public void Refused_transitions_leave_the_order_unchanged()
    {
        var orders = new[] { Placed(), Paid(), Shipped(), Delivered(), Disputed(), Inspecting() };
        foreach (var order in orders)
        {
            var snapshot = order with { };
            var attempts = new[]
            {
                OrderTransitions.Pay(order, "other-key", Stranger, T0, TimeSpan.FromDays(3)).Error,
                OrderTransitions.Ship(order, "T", Stranger, T0).Error,
                OrderTransitions.ConfirmReceipt(order, Stranger, T0).Error,
                OrderTransitions.Cancel(order, null, Stranger, T0).Error,
                OrderTransitions.Rate(order, 5, Buyer).Error,
                OrderTransitions.ResolveDispute(order, DisputeOutcome.PARTIAL_REFUND, 0m, Operator, T0).Error,
            };
            Assert.All(attempts, Assert.NotNull);
            Assert.Equal(snapshot.Status, order.Status);
            Assert.Equal(snapshot.Ledger, order.Ledger);
            Assert.Equal(snapshot.History, order.History);
        }
    }
}
