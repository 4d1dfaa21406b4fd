namespace Marketplace.Grains.Analytics;

internal static class Money
{
    /// <summary>Two places, midpoint away from zero (as the contract's fee rule).</summary>
    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
