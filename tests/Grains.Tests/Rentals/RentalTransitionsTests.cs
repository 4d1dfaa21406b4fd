using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Rentals;
using static Marketplace.Grains.Tests.Rentals.RentalFixture;

namespace Marketplace.Grains.Tests.Rentals;

public sealed class RentalTransitionsTests
{
    private static decimal Sum(RentalRecord r, LedgerEntryKind kind, string? party = null) =>
        r.Ledger.Where(e => e.Kind == kind && (party is null || e.Party == party)).Sum(e => e.Amount);

    private static void AssertBalanced(RentalRecord r)
    {
        Assert.True(r.IsTerminal);
        Assert.Equal(
            Sum(r, LedgerEntryKind.HOLD) + Sum(r, LedgerEntryKind.DEPOSIT_HOLD) + Sum(r, LedgerEntryKind.CHARGE),
            Sum(r, LedgerEntryKind.RELEASE) + Sum(r, LedgerEntryKind.FEE) + Sum(r, LedgerEntryKind.REFUND) + Sum(r, LedgerEntryKind.DEPOSIT_RELEASE));
        Assert.True(RentalLedger.IsBalanced(r));
    }

    [Fact]
    public void Request_prices_the_rental_and_sets_the_payment_deadline()
    {
        var r = Requested();
        Assert.Equal(RentalStatus.AWAITING_PAYMENT, r.Status);
        Assert.Equal(90.00m, r.Rent);
        Assert.Equal(4.50m, r.Fee);
        Assert.Equal(200m, r.Deposit);
        Assert.False(r.DepositWaived);
        Assert.Equal(Start + 3 * Day, r.Due);
        Assert.Equal(T0 + Options.Deadlines.Payment, r.Deadline);
        Assert.Equal(600, r.RenterTrustScore);
    }

    [Theory]
    [InlineData(649, false)]
    [InlineData(650, true)]
    [InlineData(800, true)]
    public void Deposit_is_waived_from_the_configured_trust_score(int score, bool waived)
    {
        var r = Requested(trustScore: score);
        Assert.Equal(waived, r.DepositWaived);
        Assert.Equal(waived ? 0m : 200m, r.Deposit);
        Assert.Equal(200m, r.TermsDeposit);
    }

    [Fact]
    public void Request_input_is_checked()
    {
        Assert.Equal(["input", "start"], RentalTransitions.ValidateRequest(new("item-1", T0.AddSeconds(-1), 2), T0)!.Field);
        Assert.Equal(["input", "days"], RentalTransitions.ValidateRequest(new("item-1", T0.AddDays(1), 0), T0)!.Field);
        Assert.Equal(["input", "itemId"], RentalTransitions.ValidateRequest(new("", T0.AddDays(1), 2), T0)!.Field);
        Assert.Null(RentalTransitions.ValidateRequest(new("item-1", T0, 2), T0));
    }

    [Fact]
    public void Pay_holds_rent_and_deposit_and_is_idempotent()
    {
        var r = Paid();
        Assert.Equal(RentalStatus.PAID, r.Status);
        Assert.Equal(90m, Sum(r, LedgerEntryKind.HOLD, "buyer:renter-1"));
        Assert.Equal(200m, Sum(r, LedgerEntryKind.DEPOSIT_HOLD, "buyer:renter-1"));
        Assert.Null(r.Deadline);
        Assert.Same(r, RentalTransitions.Pay(r, "pay-1", Renter, T0.AddMinutes(2)).Value);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Pay(r, "pay-2", Renter, T0.AddMinutes(2)).Error!.Code);
    }

    [Fact]
    public void Pay_with_a_waived_deposit_holds_only_the_rent()
    {
        var r = Paid(trustScore: 700);
        Assert.Equal(90m, Sum(r, LedgerEntryKind.HOLD));
        Assert.DoesNotContain(r.Ledger, e => e.Kind == LedgerEntryKind.DEPOSIT_HOLD);
    }

    [Fact]
    public void Pay_is_refused_to_others_without_a_key_and_after_the_deadline()
    {
        var r = Requested();
        Assert.Equal(ErrorCodes.Forbidden, RentalTransitions.Pay(r, "p", Owner, T0).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, RentalTransitions.Pay(r, " ", Renter, T0).Error!.Code);
        Assert.Equal(ErrorCodes.DeadlinePassed, RentalTransitions.Pay(r, "p", Renter, T0 + Options.Deadlines.Payment).Error!.Code);
    }

    [Fact]
    public void Hand_over_is_the_owners_from_one_day_before_start()
    {
        var paid = Paid();
        Assert.Equal(ErrorCodes.Forbidden, RentalTransitions.HandOver(paid, Renter, Start).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.HandOver(paid, Owner, Start - Day - TimeSpan.FromSeconds(1)).Error!.Code);
        var active = RentalTransitions.HandOver(paid, Owner, Start - Day).Unwrap();
        Assert.Equal(RentalStatus.ACTIVE, active.Status);
        Assert.Equal(Start - Day, active.HandedOverAt);
        Assert.Equal(active.Due, active.NextWake);
        Assert.Null(active.Deadline);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.HandOver(Requested(), Owner, Start).Error!.Code);
    }

    [Fact]
    public void Due_turns_an_active_rental_overdue()
    {
        var active = Active();
        Assert.Null(RentalTransitions.MarkOverdue(active, active.Due.AddTicks(-1)));
        Assert.Equal(RentalStatus.OVERDUE, RentalTransitions.MarkOverdue(active, active.Due)!.Status);
    }

    [Theory]
    [InlineData(-60, 0)]      // early
    [InlineData(60, 0)]       // within the 1 h grace
    [InlineData(61, 1)]       // one minute past the grace: a whole day
    [InlineData(60 + 1440, 1)] // exactly one day past the grace
    [InlineData(61 + 1440, 2)]
    public void Late_fee_counts_whole_days_after_the_grace(int minutesLate, int days)
    {
        var r = Returned(TimeSpan.FromMinutes(minutesLate));
        Assert.Equal(RentalStatus.RETURNED, r.Status);
        Assert.Equal(30m * days, r.LateFee);
        Assert.Equal(r.ReturnedAt + Options.Deadlines.RentalCheck, r.Deadline);
    }

    [Fact]
    public void Return_is_the_renters_while_active_or_overdue()
    {
        var active = Active();
        Assert.Equal(ErrorCodes.Forbidden, RentalTransitions.Return(active, Owner, Start, Options.Rentals.ReturnGrace, Options.Deadlines.RentalCheck).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Return(Paid(), Renter, Start, Options.Rentals.ReturnGrace, Options.Deadlines.RentalCheck).Error!.Code);
        var overdue = RentalTransitions.MarkOverdue(active, active.Due)!;
        Assert.Equal(RentalStatus.RETURNED, RentalTransitions.Return(overdue, Renter, active.Due.AddHours(3), Options.Rentals.ReturnGrace, Options.Deadlines.RentalCheck).Unwrap().Status);
    }

    [Fact]
    public void Check_on_time_without_damage_releases_rent_and_returns_the_deposit()
    {
        var returned = Returned(TimeSpan.Zero);
        var done = RentalTransitions.Check(returned, 0m, null, Owner, returned.ReturnedAt!.Value.AddHours(1)).Unwrap();
        Assert.Equal(RentalStatus.COMPLETED, done.Status);
        Assert.Equal(4.50m, Sum(done, LedgerEntryKind.FEE, "platform"));
        Assert.Equal(85.50m, Sum(done, LedgerEntryKind.RELEASE, "seller:owner-1"));
        Assert.Equal(200m, Sum(done, LedgerEntryKind.DEPOSIT_RELEASE, "buyer:renter-1"));
        Assert.Equal(0m, Sum(done, LedgerEntryKind.CHARGE));
        Assert.Equal(90m, done.Gmv);
        AssertBalanced(done);
    }

    [Fact]
    public void Late_fee_and_damage_come_out_of_the_deposit_and_the_rest_is_charged()
    {
        // 3 days late (90.00) + damage 150.00 = 240.00 owed; the 200.00 deposit covers 200.00, 40.00 is charged.
        var returned = Returned(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        Assert.Equal(90m, returned.LateFee);
        var done = RentalTransitions.Check(returned, 150m, "cracked screen", Owner, returned.ReturnedAt!.Value.AddHours(1)).Unwrap();
        Assert.Equal(85.50m + 200m + 40m, Sum(done, LedgerEntryKind.RELEASE, "seller:owner-1"));
        Assert.Equal(0m, Sum(done, LedgerEntryKind.DEPOSIT_RELEASE));
        Assert.Equal(40m, Sum(done, LedgerEntryKind.CHARGE, "buyer:renter-1"));
        Assert.Equal("cracked screen", done.DamageNotes);
        Assert.Equal(90m + 90m + 150m, done.Gmv);
        AssertBalanced(done);
    }

    [Fact]
    public void Damage_within_the_deposit_returns_the_rest()
    {
        var returned = Returned(TimeSpan.Zero);
        var done = RentalTransitions.Check(returned, 50m, "scratch", Owner, returned.ReturnedAt!.Value).Unwrap();
        Assert.Equal(85.50m + 50m, Sum(done, LedgerEntryKind.RELEASE));
        Assert.Equal(150m, Sum(done, LedgerEntryKind.DEPOSIT_RELEASE));
        Assert.Equal(0m, Sum(done, LedgerEntryKind.CHARGE));
        AssertBalanced(done);
    }

    [Fact]
    public void With_a_waived_deposit_late_fee_and_damage_are_charged()
    {
        var returned = Returned(TimeSpan.FromHours(5), trustScore: 700);
        var done = RentalTransitions.Check(returned, 120m, null, Owner, returned.ReturnedAt!.Value).Unwrap();
        Assert.Equal(30m + 120m, Sum(done, LedgerEntryKind.CHARGE, "buyer:renter-1"));
        Assert.Equal(85.50m + 150m, Sum(done, LedgerEntryKind.RELEASE));
        Assert.Equal(0m, Sum(done, LedgerEntryKind.DEPOSIT_RELEASE));
        AssertBalanced(done);
    }

    [Fact]
    public void Check_is_bounded_by_the_terms_deposit_and_the_deadline()
    {
        var returned = Returned(TimeSpan.Zero, trustScore: 700); // waived: the cap is still the item's deposit
        var at = returned.ReturnedAt!.Value;
        Assert.Equal(ErrorCodes.Forbidden, RentalTransitions.Check(returned, 0m, null, Renter, at).Error!.Code);
        Assert.Equal(["input", "damageCharge"], RentalTransitions.Check(returned, 200.01m, null, Owner, at).Error!.Field);
        Assert.Equal(["input", "damageCharge"], RentalTransitions.Check(returned, -1m, null, Owner, at).Error!.Field);
        Assert.Equal(["input", "damageCharge"], RentalTransitions.Check(returned, 1.001m, null, Owner, at).Error!.Field);
        Assert.True(RentalTransitions.Check(returned, 200m, null, Owner, at).IsSuccess);
        Assert.Equal(ErrorCodes.DeadlinePassed, RentalTransitions.Check(returned, 0m, null, Owner, returned.Deadline!.Value).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Check(Active(), 0m, null, Owner, at).Error!.Code);
    }

    [Fact]
    public void The_check_deadline_completes_with_no_damage_but_keeps_the_late_fee()
    {
        var returned = Returned(TimeSpan.FromHours(3));
        Assert.Null(RentalTransitions.ExpireCheck(returned, returned.Deadline!.Value.AddTicks(-1)));
        var done = RentalTransitions.ExpireCheck(returned, returned.Deadline!.Value)!;
        Assert.Equal(RentalStatus.COMPLETED, done.Status);
        Assert.Equal(0m, done.DamageCharge);
        Assert.Equal(85.50m + 30m, Sum(done, LedgerEntryKind.RELEASE));
        Assert.Equal(170m, Sum(done, LedgerEntryKind.DEPOSIT_RELEASE));
        AssertBalanced(done);
    }

    [Fact]
    public void The_payment_deadline_cancels()
    {
        var r = Requested();
        Assert.Null(RentalTransitions.ExpirePayment(r, r.Deadline!.Value.AddTicks(-1)));
        var cancelled = RentalTransitions.ExpirePayment(r, r.Deadline!.Value)!;
        Assert.Equal(RentalStatus.CANCELLED, cancelled.Status);
        Assert.Equal(RentalCancelledBy.PaymentDeadline, cancelled.CancelledBy);
        Assert.Empty(cancelled.Ledger);
        AssertBalanced(cancelled);
    }

    [Fact]
    public void The_renter_cancels_while_awaiting_payment_or_early_enough_with_a_full_refund()
    {
        var shipBy = Options.Deadlines.ShipBy;
        Assert.Equal(RentalStatus.CANCELLED, RentalTransitions.Cancel(Requested(), null, Renter, T0, shipBy).Unwrap().Status);
        var early = RentalTransitions.Cancel(Paid(), "plans changed", Renter, Start - Day - TimeSpan.FromSeconds(1), shipBy).Unwrap();
        Assert.Equal(RentalCancelledBy.Renter, early.CancelledBy);
        Assert.Equal(90m, Sum(early, LedgerEntryKind.REFUND, "buyer:renter-1"));
        Assert.Equal(200m, Sum(early, LedgerEntryKind.DEPOSIT_RELEASE, "buyer:renter-1"));
        Assert.EndsWith("plans changed", early.History[^1].Note);
        AssertBalanced(early);
    }

    [Fact]
    public void The_renter_cannot_cancel_a_paid_rental_close_to_start_until_the_hand_over_is_missed()
    {
        var shipBy = Options.Deadlines.ShipBy;
        var paid = Paid();
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Cancel(paid, null, Renter, Start - Day, shipBy).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Cancel(paid, null, Renter, Start + shipBy - TimeSpan.FromSeconds(1), shipBy).Error!.Code);
        var missed = RentalTransitions.Cancel(paid, null, Renter, Start + shipBy, shipBy).Unwrap();
        Assert.Equal(90m, Sum(missed, LedgerEntryKind.REFUND));
        AssertBalanced(missed);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Cancel(Active(), null, Renter, Start + shipBy, shipBy).Error!.Code);
    }

    [Fact]
    public void The_owner_cancels_before_hand_over_only_and_strangers_never()
    {
        var shipBy = Options.Deadlines.ShipBy;
        var byOwner = RentalTransitions.Cancel(Paid(trustScore: 700), null, Owner, Start, shipBy).Unwrap();
        Assert.Equal(RentalCancelledBy.Owner, byOwner.CancelledBy);
        Assert.Equal(90m, Sum(byOwner, LedgerEntryKind.REFUND));
        AssertBalanced(byOwner);
        Assert.Equal(ErrorCodes.InvalidState, RentalTransitions.Cancel(Active(), null, Owner, Start, shipBy).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, RentalTransitions.Cancel(Paid(), null, Stranger, Start, shipBy).Error!.Code);
    }

    [Fact]
    public void Before_a_terminal_status_out_never_exceeds_in()
    {
        foreach (var r in new[] { Requested(), Paid(), Active(), Returned(TimeSpan.FromDays(5)) })
        {
            Assert.False(r.IsTerminal);
            Assert.True(RentalLedger.IsBalanced(r));
        }
    }
}
