using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Trust;

/// <summary>Seller level per the contract's "Figures".</summary>
public static class SellerLevels
{
    public const int MinOrdersForBelowStandard = 5;
    public const int MinCompletedForTopRated = 20;

    public static SellerLevel Of(SellerCounters c)
    {
        if (c.Orders >= MinOrdersForBelowStandard && (c.DefectRate > 0.02 || c.LateShipmentRate > 0.10))
            return SellerLevel.BELOW_STANDARD;
        if (c.Completed >= MinCompletedForTopRated && c.DefectRate <= 0.005 && c.LateShipmentRate <= 0.03)
            return SellerLevel.TOP_RATED;
        return SellerLevel.ABOVE_STANDARD;
    }
}
