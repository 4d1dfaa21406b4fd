using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Orders;
using static Marketplace.Grains.Tests.Orders.OrderFixture;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>Random walks over every transition (seeded, so reproducible): the ledger invariant holds after every step.</summary>
public class LedgerInvariantTests
{
    [Fact]
    public void Ledger_invariant_holds_on_every_reachable_path()
    {
        var random = new Random(20261121);
        var terminalStatuses = new HashSet<OrderStatus>();
        for (var walk = 0; walk < 2000; walk++)
        {
            var price = random.Next(1, 500_000) / 100m;
            var order = Placed(price, withInspection: random.Next(2) == 0);
            var now = T0;
            for (var step = 0; step < 60 && !order.IsTerminal; step++)
            {
                now = random.Next(2) == 0 ? now.AddMinutes(random.Next(0, 10)) : now.AddHours(random.Next(0, 48));
                var next = RandomStep(order, random, now);
                if (next is null) continue;
                order = next;
                Assert.True(Ledger.IsBalanced(order), $"unbalanced after {order.Status}: {string.Join(", ", order.Ledger)}");
            }
            if (order.IsTerminal) terminalStatuses.Add(order.Status);
        }
        Assert.Equal([OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED], terminalStatuses.Order());
    }

    private static OrderRecord? RandomStep(OrderRecord order, Random random, DateTimeOffset now)
    {
        var report = new InspectionReport((Grade)random.Next(6), random.Next(4) > 0, random.Next(4) > 0, true);
        var refund = Math.Round(order.Price * (decimal)random.NextDouble(), 2);
        return random.Next(11) switch
        {
            0 => OrderTransitions.Pay(order, random.Next(2) == 0 ? "pay-1" : "pay-2", Buyer, now, Options.Deadlines.ShipBy).Value,
            1 => OrderTransitions.Ship(order, "T", Seller, now).Value,
            2 => OrderTransitions.ReceiveForInspection(order, Inspector, now, Options.Deadlines.InspectionDecision).Value,
            3 => OrderTransitions.ApplyInspection(order, Report(report), Inspector, now).Value,
            4 => OrderTransitions.MarkDelivered(order, Operator, now, Options.Deadlines.BuyerProtection).Value,
            5 => OrderTransitions.ConfirmReceipt(order, Buyer, now).Value,
            6 => OrderTransitions.Cancel(order, null, random.Next(2) == 0 ? Buyer : Seller, now).Value,
            7 => OrderTransitions.OpenDispute(order, "broken", Buyer, now).Value,
            8 => OrderTransitions.ResolveDispute(order, (DisputeOutcome)random.Next(3), refund, Operator, now).Value,
            9 => OrderTransitions.ExpirePayment(order, now) ?? OrderTransitions.ExpireBuyerProtection(order, now) ?? OrderTransitions.ExpireInspectionDecision(order, now),
            _ => OrderTransitions.Rate(order, random.Next(1, 6), Buyer).Value,
        };
    }
}
