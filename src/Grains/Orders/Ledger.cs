using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Grains.Orders;

/// <summary>Escrow bookkeeping over an order's ledger entries.</summary>
public static class Ledger
{
    public static decimal Held(IEnumerable<LedgerEntry> ledger) => ledger.Where(e => e.Kind == LedgerEntryKind.HOLD).Sum(e => e.Amount);

    /// <summary>RELEASE + FEE + REFUND: everything paid out of the hold.</summary>
    public static decimal PaidOut(IEnumerable<LedgerEntry> ledger) => ledger.Where(e => e.Kind != LedgerEntryKind.HOLD).Sum(e => e.Amount);

    /// <summary>The contract's invariant: never more out than in, and all of it out at a terminal status.</summary>
    public static bool IsBalanced(OrderRecord order) =>
        order.Ledger.All(e => e.Amount >= 0)
        && (order.IsTerminal ? PaidOut(order.Ledger) == Held(order.Ledger) : PaidOut(order.Ledger) <= Held(order.Ledger));
}
