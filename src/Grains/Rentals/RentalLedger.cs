using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Grains.Rentals;

/// <summary>
/// The rental escrow's bookkeeping (contract "Rentals"): money in is HOLD + DEPOSIT_HOLD + CHARGE, money out is
/// RELEASE + FEE + REFUND + DEPOSIT_RELEASE; out never exceeds in, and equals it at a terminal status.
/// </summary>
public static class RentalLedger
{
    public static decimal In(IEnumerable<LedgerEntry> ledger) =>
        ledger.Where(e => e.Kind is LedgerEntryKind.HOLD or LedgerEntryKind.DEPOSIT_HOLD or LedgerEntryKind.CHARGE).Sum(e => e.Amount);

    public static decimal Out(IEnumerable<LedgerEntry> ledger) =>
        ledger.Where(e => e.Kind is LedgerEntryKind.RELEASE or LedgerEntryKind.FEE or LedgerEntryKind.REFUND or LedgerEntryKind.DEPOSIT_RELEASE).Sum(e => e.Amount);

    public static decimal Sum(IEnumerable<LedgerEntry> ledger, LedgerEntryKind kind) => ledger.Where(e => e.Kind == kind).Sum(e => e.Amount);

    public static bool IsBalanced(RentalRecord rental) =>
        rental.Ledger.All(e => e.Amount > 0)
        && (rental.IsTerminal ? Out(rental.Ledger) == In(rental.Ledger) : Out(rental.Ledger) <= In(rental.Ledger));
}
