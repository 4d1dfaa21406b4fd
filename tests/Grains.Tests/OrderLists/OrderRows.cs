using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;

namespace Marketplace.Grains.Tests.OrderLists;

internal static class OrderRows
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static OrderListRow Row(string id, int minutesAfterT0, OrderStatus status = OrderStatus.AWAITING_PAYMENT, long version = 1,
        string buyer = "b1", string seller = "s1", string category = "phones", string region = "north", bool inspection = false, decimal price = 100m) =>
        new(id, version, status, buyer, seller, "item-" + id, category, ["electronics", category], region, inspection, price,
            T0.AddMinutes(minutesAfterT0), T0.AddMinutes(minutesAfterT0 + version));
}
