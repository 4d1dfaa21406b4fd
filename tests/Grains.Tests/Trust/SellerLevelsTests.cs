using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Trust;

namespace Marketplace.Grains.Tests.Trust;

public class SellerLevelsTests
{
    [Fact]
    public void New_seller_is_above_standard() => Assert.Equal(SellerLevel.ABOVE_STANDARD, SellerLevels.Of(new SellerCounters()));

    [Fact]
    public void Defects_below_the_minimum_order_count_do_not_make_below_standard() =>
        Assert.Equal(SellerLevel.ABOVE_STANDARD, SellerLevels.Of(new SellerCounters(Orders: 4, SellerCancellations: 2)));

    [Theory]
    [InlineData(100, 3, 0, 0, SellerLevel.BELOW_STANDARD)]   // defect 3 % > 2 %
    [InlineData(100, 2, 0, 0, SellerLevel.ABOVE_STANDARD)]   // defect 2 % is not above 2 %
    [InlineData(100, 0, 100, 11, SellerLevel.BELOW_STANDARD)] // late 11 % > 10 %
    [InlineData(100, 0, 100, 10, SellerLevel.ABOVE_STANDARD)]
    [InlineData(5, 1, 0, 0, SellerLevel.BELOW_STANDARD)]
    public void Below_standard_by_defect_or_late_rate(int orders, int cancellations, int shipped, int late, SellerLevel expected) =>
        Assert.Equal(expected, SellerLevels.Of(new SellerCounters(Orders: orders, SellerCancellations: cancellations, Shipped: shipped, LateShipments: late)));

    [Theory]
    [InlineData(20, 0, 0, SellerLevel.TOP_RATED)]
    [InlineData(19, 0, 0, SellerLevel.ABOVE_STANDARD)]      // too few completed
    [InlineData(200, 1, 0, SellerLevel.TOP_RATED)]          // defect 0.5 %
    [InlineData(200, 2, 0, SellerLevel.ABOVE_STANDARD)]     // defect 1 %
    [InlineData(100, 0, 3, SellerLevel.TOP_RATED)]          // late 3 %
    [InlineData(100, 0, 4, SellerLevel.ABOVE_STANDARD)]     // late 4 %
    public void Top_rated_needs_volume_and_clean_record(int completed, int disputesLost, int late, SellerLevel expected) =>
        Assert.Equal(expected, SellerLevels.Of(new SellerCounters(Orders: completed, Shipped: completed, Delivered: completed,
            Completed: completed, Disputes: disputesLost, DisputesLost: disputesLost, LateShipments: late)));
}
